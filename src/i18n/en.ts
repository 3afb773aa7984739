import type { Messages } from './zh-CN.js';

export const en: Messages = {
  common: {
    usage: (usage) => `Usage: ${usage}`,
    refusedAdmin: (cmd) => `Sorry, ${cmd} is for the group's owner and admins.`,
    refusedOwner: (cmd) => `Sorry, ${cmd} is for the group's owner.`,
    internalError: 'Sorry, something went wrong with that command. It has been logged.',
    none: '(none)',
    on: 'on',
    off: 'off',
  },
  help: {
    header: (group) => `Commands you can use in "${group}":`,
    adminSection: 'Admin commands:',
    footer: 'Commands work as /command or by their Chinese keyword.',
  },
  commands: {
    help: 'list the commands you can use',
    rules: 'show the group rules',
    setrules: 'set the group rules',
    settings: 'show all settings; export or import them',
    set: 'change one setting',
    tz: "show or set the group's time zone",
    lang: 'switch language (zh / en)',
    use: 'choose the group to manage from a private chat',
  },
  usage: {
    help: '/help',
    rules: '/rules',
    setrules: '/setrules <the rules, several lines allowed>',
    settings: '/settings [export | import <JSON>]',
    set: '/set <setting> <value> (send /settings to see them all)',
    tz: '/tz [time zone, e.g. Asia/Shanghai]',
    lang: '/lang zh|en',
    use: '/use [number or group name]',
  },
  rules: {
    none: 'This group has no rules yet. An admin can set them with /setrules.',
    show: (rules) => `📜 Group rules\n${rules}`,
    updated: (rules) => `Group rules updated:\n${rules}`,
  },
  settings: {
    header: (group) => `⚙️ Settings of "${group}":`,
    line: (key, value, isDefault) => `• ${key} = ${value}${isDefault ? ' (default)' : ''}`,
    updated: (key, value) => `Set ${key} = ${value}`,
    unknownKey: (key) => `There is no setting called ${key}. Send /settings to see them all.`,
    invalidValue: (key, hint) => `That is not a valid value for ${key}. ${hint}`,
    exportHeader: 'Settings of this group (import them elsewhere with /settings import):',
    imported: (n) => `Imported ${n} settings.`,
    importFailed: (problems) => `Import failed; nothing was changed:\n${problems.map((p) => `• ${p}`).join('\n')}`,
    importNotJson: 'Import failed: that is not a valid JSON object. Nothing was changed.',
    unknownKeyShort: 'no such setting',
    describe: {
      timezone: "the group's time zone (IANA name), e.g. Asia/Shanghai",
      language: 'reply language: zh-CN or en',
      rules: 'the full text of the group rules',
    },
  },
  tz: {
    show: (tz, now) => `Time zone: ${tz} (local time ${now})`,
    updated: (tz, now) => `Time zone set to ${tz} (local time ${now})`,
    invalid: (tz) => `Unknown time zone: ${tz}. Use an IANA name such as Asia/Shanghai or America/New_York.`,
  },
  lang: {
    updated: 'OK, this group gets replies in English from now on.',
  },
  private: {
    noTarget: (cmd) => `${cmd} works on a group. First send /use to choose the group you want to manage.`,
    list: (groups) => `Groups you manage:\n${groups.join('\n')}\nSend /use <number> to choose one.`,
    none: "I found no group you manage. Add me to a group as admin and say something there first.",
    chosen: (title) => `OK: admin commands you send here now apply to "${title}".`,
    notAdmin: (title) => `You are not the owner or an admin of "${title}".`,
    unknown: (what) => `No group "${what}" found. Send /use to see the list.`,
    inGroup: 'Please use /use in a private chat with me.',
  },
  rights: {
    missing: (group, rights) => `In "${group}" I lack these rights: ${rights.join(', ')}. Make me an admin with them in the group settings; until then I can only remind people publicly.`,
    names: {
      admin: 'admin status',
      deleteMessages: 'Delete messages',
      restrictMembers: 'Ban users (needed to mute and to remove)',
    },
  },
  jobs: {
    interrupted: (kind) => `The scheduled job "${kind}" was interrupted by a restart. To avoid posting twice it will not run again; please check.`,
  },
  fallback: {
    deleteReminder: (name, reason) => `@${name} this message breaks the group rules (${reason}); please recall it.`,
    muteReminder: (name, until, reason) => `@${name} please stay quiet until ${until} (${reason}).`,
    buttonLine: (keyword, label) => `Reply "${keyword}": ${label}`,
    ownerCouldNot: (what, group, reason) =>
      `In "${group}" I could not ${what} (${reason}). I reminded them publicly; please handle it by hand.`,
    what: {
      delete: (name) => `delete ${name}'s message`,
      mute: (name) => `mute ${name}`,
      kick: (name) => `remove ${name} from the group`,
    },
  },
};
