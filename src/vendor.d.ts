// OpenCC's character table as opencc-js ships it: "繁 简|…", one traditional character and its
// simplified form per entry.
declare module 'opencc-js/dict/TSCharacters' {
  const table: string;
  export default table;
}
