// Every sentence a chat member reads, in Simplified Chinese (the default).
// en.ts must provide the same keys: the type below is the contract.

export const zhCN = {
  common: {
    usage: (usage: string) => `用法：${usage}`,
    refusedAdmin: (cmd: string) => `抱歉，${cmd} 只有群主和管理员可以使用。`,
    refusedOwner: (cmd: string) => `抱歉，${cmd} 只有群主可以使用。`,
    internalError: '抱歉，处理这条命令时出了点问题，已经记录下来了。',
    none: '（无）',
    on: '开',
    off: '关',
  },
  help: {
    header: (group: string) => `「${group}」可用的命令：`,
    adminSection: '管理员命令：',
    footer: '发送命令时可以用 /命令 或中文关键词。',
  },
  commands: {
    help: '查看可用的命令',
    rules: '查看群规',
    setrules: '设置群规',
    settings: '查看全部设置；export 导出、import 导入',
    set: '修改一项设置',
    tz: '查看或设置本群时区',
    lang: '切换语言（zh / en）',
    use: '在私聊里选择要管理的群',
    manage: '让我开始或停止管理本群（群主）',
    admin: '设置或取消管理员（群主）',
    admins: '查看群主和管理员',
  } as Record<string, string>,
  usage: {
    help: '/help',
    rules: '/rules',
    setrules: '/setrules <群规全文，可以多行>',
    settings: '/settings [export | import <JSON>]',
    set: '/set <设置项> <值>（发送 /settings 查看全部设置项）',
    tz: '/tz [时区，例如 Asia/Shanghai]',
    lang: '/lang zh|en',
    use: '/use [编号或群名]',
    manage: '/manage on|off',
    admin: '/admin add|remove @成员（也可以回复他的消息）',
  } as Record<string, string>,
  rules: {
    none: '本群还没有设置群规。管理员可以用 /setrules 设置。',
    show: (rules: string) => `📜 群规\n${rules}`,
    updated: (rules: string) => `群规已更新：\n${rules}`,
  },
  settings: {
    header: (group: string) => `⚙️「${group}」的设置：`,
    line: (key: string, value: string, isDefault: boolean) => `• ${key} = ${value}${isDefault ? '（默认）' : ''}`,
    updated: (key: string, value: string) => `已设置 ${key} = ${value}`,
    unknownKey: (key: string) => `没有这项设置：${key}。发送 /settings 查看全部设置。`,
    invalidValue: (key: string, hint: string) => `${key} 的值不对。${hint}`,
    exportHeader: '本群设置（可用 /settings import 导入到其他群）：',
    imported: (n: number) => `已导入 ${n} 项设置。`,
    importFailed: (problems: string[]) => `导入失败，没有做任何修改：\n${problems.map((p) => `• ${p}`).join('\n')}`,
    importNotJson: '导入失败：内容不是有效的 JSON 对象，没有做任何修改。',
    unknownKeyShort: '没有这项设置',
    describe: {
      timezone: '本群时区（IANA 名称），例如 Asia/Shanghai',
      language: '回复语言：zh-CN 或 en',
      rules: '群规全文',
      managed: '是否管理这个不在配置文件里的群（on/off）',
    } as Record<string, string>,
  },
  tz: {
    show: (tz: string, now: string) => `本群时区：${tz}（当地时间 ${now}）`,
    updated: (tz: string, now: string) => `时区已设为 ${tz}（当地时间 ${now}）`,
    invalid: (tz: string) => `不认识的时区：${tz}。请用 IANA 名称，例如 Asia/Shanghai、America/New_York。`,
  },
  lang: {
    updated: '好的，本群之后用中文回复。',
  },
  manage: {
    on: (group: string) => `好的，从现在起我来管理「${group}」。发送 /help 查看命令。`,
    off: '好的，我不再管理本群，只会响应群主的 /manage on。',
    configured: (group: string) => `「${group}」写在配置文件里，始终由我管理。`,
  },
  roles: {
    added: (name: string) => `已把 ${name} 设为管理员。`,
    removed: (name: string) => `${name} 不再是管理员。`,
    ambiguous: (name: string) => `有不止一位成员叫「${name}」，请 @ 他或回复他的消息。`,
    list: (owners: string, admins: string) => `群主：${owners}\n管理员：${admins}`,
  },
  private: {
    noTarget: (cmd: string) => `${cmd} 要作用于某个群。请先发送 /use 选择要管理的群。`,
    list: (groups: string[]) => `你管理的群：\n${groups.join('\n')}\n发送 /use <编号> 选择一个。`,
    none: '没有找到你管理的群。先把我拉进群并设为管理员，再在群里说句话。',
    chosen: (title: string) => `好的，接下来你在这里发的管理命令都作用于「${title}」。`,
    notAdmin: (title: string) => `你不是「${title}」的群主或管理员。`,
    unknown: (what: string) => `没有找到群「${what}」。发送 /use 查看列表。`,
    inGroup: '请在和我的私聊里使用 /use。',
  },
  rights: {
    missing: (group: string, rights: string[]) => `我在「${group}」里缺少权限：${rights.join('、')}。请在群设置里把我设为管理员并打开这些权限，否则我只能公开提醒。`,
    names: {
      admin: '管理员身份',
      deleteMessages: '删除消息',
      restrictMembers: '封禁成员（禁言和移出都需要）',
    },
  },
  jobs: {
    interrupted: (kind: string) => `计划任务「${kind}」执行到一半时程序重启了。为避免重复发送，它不会再执行，请检查。`,
  },
  fallback: {
    deleteReminder: (name: string, reason: string) => `@${name} 这条消息不符合群规（${reason}），请撤回。`,
    muteReminder: (name: string, until: string, reason: string) => `@${name} 请在 ${until} 前暂停发言（${reason}）。`,
    buttonLine: (keyword: string, label: string) => `回复「${keyword}」：${label}`,
    ownerCouldNot: (what: string, group: string, reason: string) =>
      `在「${group}」里我没法${what}（${reason}），已在群里公开提醒，请你手动处理。`,
    what: {
      delete: (name: string) => `删除 ${name} 的消息`,
      mute: (name: string) => `禁言 ${name}`,
      kick: (name: string) => `把 ${name} 移出群`,
    },
  },
};

export type Messages = typeof zhCN;
