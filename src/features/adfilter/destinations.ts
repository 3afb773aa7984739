// Where links go, kept as data. A link to a reputable destination (documentation, code hosting,
// courses and video, Q&A, encyclopedias, news, education and government, the big Chinese
// platforms' article and video pages) is no evidence of an ad: a learning group shares them all
// day. Short links, invite links, redirectors, payment and gambling-looking links are evidence:
// where they lead is hidden, or it is somewhere to pay, join or bet. Entries are registrable
// domains (everything under them counts) or, for platforms that also host invites, redirects or
// file drops under the same domain, single hosts.

/** Reputable destinations by kind (the kind shows in the owner's explanation). */
export const REPUTABLE: Readonly<Record<string, readonly string[]>> = {
  docs: [
    'python.org', 'pypi.org', 'pydata.org', 'numpy.org', 'scipy.org', 'scikit-learn.org', 'matplotlib.org', 'pytorch.org',
    'tensorflow.org', 'keras.io', 'jupyter.org', 'anaconda.com', 'rust-lang.org', 'docs.rs', 'crates.io', 'go.dev', 'golang.org',
    'nodejs.org', 'npmjs.com', 'typescriptlang.org', 'mozilla.org', 'w3.org', 'whatwg.org', 'ietf.org', 'rfc-editor.org', 'iso.org',
    'ecma-international.org', 'unicode.org', 'khronos.org', 'kernel.org', 'gnu.org', 'debian.org', 'ubuntu.com', 'archlinux.org',
    'fedoraproject.org', 'redhat.com', 'docker.com', 'kubernetes.io', 'apache.org', 'postgresql.org', 'mysql.com', 'sqlite.org',
    'mongodb.com', 'redis.io', 'nginx.org', 'openjdk.org', 'java.com', 'kotlinlang.org', 'swift.org', 'android.com', 'vuejs.org',
    'react.dev', 'reactjs.org', 'angular.io', 'angular.dev', 'svelte.dev', 'nextjs.org', 'vitejs.dev', 'vite.dev', 'tailwindcss.com',
    'getbootstrap.com', 'jquery.com', 'php.net', 'ruby-lang.org', 'rubyonrails.org', 'perl.org', 'r-project.org', 'julialang.org',
    'haskell.org', 'scala-lang.org', 'elixir-lang.org', 'erlang.org', 'dart.dev', 'flutter.dev', 'llvm.org', 'cmake.org',
    'git-scm.com', 'latex-project.org', 'ctan.org', 'overleaf.com', 'readthedocs.io', 'readthedocs.org', 'spring.io', 'gradle.org',
    'maven.apache.org', 'electronjs.org', 'deno.com', 'bun.sh', 'webassembly.org', 'opencv.org', 'huggingface.co', 'langchain.com',
    'echarts.apache.org', 'antv.vision', 'element.eleme.cn', 'uniapp.dcloud.net.cn', 'vuepress.vuejs.org', 'nuxt.com', 'expressjs.com',
    'djangoproject.com', 'flask.palletsprojects.com', 'fastapi.tiangolo.com', 'docs.github.com', 'learn.microsoft.com',
    'developer.apple.com', 'developers.google.com', 'developer.android.com', 'cloud.google.com', 'aws.amazon.com', 'docs.aws.amazon.com',
    'azure.microsoft.com', 'aliyun.com', 'alibabacloud.com', 'cloud.tencent.com', 'huaweicloud.com', 'volcengine.com', 'nvidia.com',
    'intel.com', 'amd.com', 'arm.com', 'openai.com', 'anthropic.com', 'deepseek.com', 'ollama.com', 'paddlepaddle.org.cn',
  ],
  code: [
    'github.com', 'githubusercontent.com', 'gist.github.com', 'gitlab.com', 'bitbucket.org', 'gitee.com', 'sourceforge.net',
    'codeberg.org', 'kaggle.com', 'colab.research.google.com', 'stackblitz.com', 'codepen.io', 'codesandbox.io', 'replit.com',
    'jsfiddle.net', 'leetcode.com', 'leetcode.cn', 'nowcoder.com', 'hackerrank.com', 'codeforces.com', 'atcoder.jp', 'luogu.com.cn',
    'modelscope.cn', 'paperswithcode.com',
  ],
  course: [
    'coursera.org', 'edx.org', 'udacity.com', 'udemy.com', 'khanacademy.org', 'icourse163.org', 'xuetangx.com', 'study.163.com',
    'open.163.com', 'imooc.com', 'geekbang.org', 'mooc.cn', 'chinesemooc.org', 'ted.com', 'freecodecamp.org', 'codecademy.com',
    'datacamp.com', 'brilliant.org', 'duolingo.com', 'mit.edu', 'stanford.edu', 'cs50.harvard.edu', 'fast.ai', 'deeplearning.ai',
    'd2l.ai', 'zh.d2l.ai', 'runoob.com', 'liaoxuefeng.com', 'w3school.com.cn', 'w3schools.com',
  ],
  video: [
    'youtube.com', 'youtu.be', 'bilibili.com', 'vimeo.com', 'ixigua.com', 'youku.com', 'iqiyi.com', 'v.qq.com', 'douyin.com',
    'kuaishou.com', 'acfun.cn', 'tv.cctv.com', 'twitch.tv',
  ],
  qa: [
    'stackoverflow.com', 'stackexchange.com', 'superuser.com', 'serverfault.com', 'askubuntu.com', 'mathoverflow.net', 'quora.com',
    'reddit.com', 'zhihu.com', 'segmentfault.com', 'v2ex.com', 'ruby-china.org', 'learnku.com', 'juejin.cn', 'csdn.net', 'cnblogs.com',
    'jianshu.com', 'oschina.net', 'infoq.cn', 'infoq.com', 'sspai.com', 'douban.com', 'medium.com', 'dev.to', 'hashnode.com',
    'news.ycombinator.com', 'lobste.rs', 'discourse.org', 'tieba.baidu.com', 'zhidao.baidu.com', 'xiaohongshu.com', 'weibo.com',
    'twitter.com', 'x.com', 'linkedin.com', 'mp.weixin.qq.com', 'toutiao.com', 'yuque.com', 'feishu.cn', 'docs.qq.com', 'shimo.im',
    'notion.so', 'notion.site',
  ],
  reference: [
    'wikipedia.org', 'wikimedia.org', 'wiktionary.org', 'wikisource.org', 'wikidata.org', 'baike.baidu.com', 'baike.sogou.com',
    'britannica.com', 'merriam-webster.com', 'cambridge.org', 'oxfordlearnersdictionaries.com', 'youdao.com', 'zdic.net',
    'fanyi.baidu.com', 'deepl.com', 'arxiv.org', 'acm.org', 'ieee.org', 'springer.com', 'nature.com', 'science.org',
    'sciencedirect.com', 'elsevier.com', 'jstor.org', 'researchgate.net', 'semanticscholar.org', 'scholar.google.com', 'cnki.net',
    'wanfangdata.com.cn', 'pubmed.ncbi.nlm.nih.gov', 'nih.gov', 'openreview.net', 'aclanthology.org', 'ssrn.com', 'plos.org',
    'archive.org', 'gutenberg.org', 'mdn.dev', 'caniuse.com', 'regex101.com', 'desmos.com', 'wolframalpha.com', 'geogebra.org',
  ],
  news: [
    'bbc.com', 'bbc.co.uk', 'reuters.com', 'apnews.com', 'nytimes.com', 'theguardian.com', 'wsj.com', 'ft.com', 'bloomberg.com',
    'economist.com', 'cnn.com', 'npr.org', 'xinhuanet.com', 'news.cn', 'people.com.cn', 'chinadaily.com.cn', 'cctv.com',
    'thepaper.cn', 'caixin.com', 'jiemian.com', '36kr.com', 'huxiu.com', 'ifanr.com', 'geekpark.net', 'sina.com.cn', 'sohu.com',
    'ifeng.com', 'zaobao.com', 'scmp.com', 'techcrunch.com', 'theverge.com', 'wired.com', 'arstechnica.com', 'engadget.com',
    'cnbeta.com.tw', 'solidot.org', 'ithome.com', 'news.qq.com', 'news.163.com', 'yicai.com', 'stcn.com', 'cls.cn',
  ],
};

/** Public suffixes of education and government: any site under them is reputable. */
export const REPUTABLE_SUFFIXES: ReadonlySet<string> = new Set([
  'edu', 'gov', 'mil', 'int', 'edu.cn', 'gov.cn', 'ac.cn', 'org.cn', 'edu.hk', 'gov.hk', 'edu.tw', 'gov.tw', 'edu.sg', 'gov.sg',
  'ac.uk', 'gov.uk', 'edu.au', 'gov.au', 'ac.jp', 'go.jp', 'ac.kr', 'go.kr', 'europa.eu',
]);

/** Short links: where they lead is hidden (a platform's own short links included: b23.tv, v.douyin.com). */
export const SHORTENERS: ReadonlySet<string> = new Set([
  't.cn', 'dwz.cn', 'url.cn', 'w.url.cn', 'suo.im', 'bit.ly', 'tinyurl.com', 'goo.gl', 'is.gd', 'ow.ly', 'rebrand.ly', 'cutt.ly',
  'reurl.cc', 'b23.tv', 'v.douyin.com', 't.co', 'buff.ly', 'shorturl.at', 'rb.gy', 'tiny.cc', 'lnkd.in', 's.id', 'v.gd', 'qr.net',
  '0rz.tw', 'ppt.cc', 'sohu.gg', 'dlj.bz', 'mrw.so', 'xhslink.com', 'u.nu', 'clck.ru', 'surl.li', 'shorturl.asia',
]);

/** Invite links: groups to join, contacts to add, elsewhere. Host and path prefix. */
export const INVITES: readonly (readonly [host: string, pathPrefix: string])[] = [
  ['t.me', '/+'], ['t.me', '/joinchat'], ['telegram.me', '/joinchat'], ['telegram.me', '/+'], ['chat.whatsapp.com', '/'],
  ['discord.gg', '/'], ['discord.com', '/invite'], ['qm.qq.com', '/'], ['jq.qq.com', '/'], ['qun.qq.com', '/'],
  ['weixin.qq.com', '/g/'], ['u.wechat.com', '/'], ['work.weixin.qq.com', '/gm/'], ['work.weixin.qq.com', '/ca/'], ['line.me', '/ti/'],
  ['open.kakao.com', '/'],
];

/** Where money goes. */
export const PAYMENTS: ReadonlySet<string> = new Set([
  'qr.alipay.com', 'render.alipay.com', 'ds.alipay.com', 'pay.weixin.qq.com', 'payapp.weixin.qq.com', 'paypal.me', 'cash.app',
  'buymeacoffee.com', 'afdian.net', 'afdian.com',
]);

/** Top-level domains that exist for betting. */
export const GAMBLING_TLDS: ReadonlySet<string> = new Set(['bet', 'casino', 'poker', 'bingo', 'lotto']);
