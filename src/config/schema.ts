import { z } from 'zod';

const logLevel = z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']);

const telegram = z
  .object({
    token: z.string().min(1, 'the bot token from @BotFather is required (or set STEWARD_TELEGRAM_TOKEN)'),
    apiRoot: z.url().default('https://api.telegram.org'),
    mode: z.enum(['polling', 'webhook']).default('polling'),
    webhook: z
      .object({
        url: z.url(),
        port: z.number().int().min(1).max(65535).default(8443),
        host: z.string().default('0.0.0.0'),
        secretToken: z.string().regex(/^[A-Za-z0-9_-]{1,256}$/, 'use 1-256 characters: A-Z, a-z, 0-9, _ and -'),
      })
      .strict()
      .optional(),
    /** Sends per second to one chat and overall; Telegram's published limits, with margin. */
    pacing: z
      .object({
        perChatPerMinute: z.number().int().min(1).default(20),
        perChatIntervalMs: z.number().int().min(0).default(1000),
        globalPerSecond: z.number().int().min(1).default(25),
      })
      .strict()
      .default({ perChatPerMinute: 20, perChatIntervalMs: 1000, globalPerSecond: 25 }),
  })
  .strict()
  .refine((t) => t.mode !== 'webhook' || t.webhook, { message: 'mode "webhook" needs a webhook section', path: ['webhook'] });

const wechat = z
  .object({
    puppet: z.string().default('wechaty-puppet-service'),
    token: z.string().optional(),
    endpoint: z.string().optional(),
    tls: z.boolean().default(false),
    rooms: z.array(z.string().min(1)).default([]),
    loginTimeoutSeconds: z.number().int().min(5).default(60),
    pacing: z
      .object({
        perRoomIntervalMs: z.number().int().min(0).default(3000),
        globalIntervalMs: z.number().int().min(0).default(1000),
      })
      .strict()
      .default({ perRoomIntervalMs: 3000, globalIntervalMs: 1000 }),
  })
  .strict()
  .superRefine((w, ctx) => {
    if (w.puppet !== 'wechaty-puppet-service') return;
    if (!w.token) ctx.addIssue({ code: 'custom', path: ['token'], message: 'required with wechaty-puppet-service (or set STEWARD_WECHAT_TOKEN)' });
    if (!w.endpoint) {
      ctx.addIssue({ code: 'custom', path: ['endpoint'], message: 'required with wechaty-puppet-service, as host:port of your puppet service' });
    }
  });

export const configSchema = z
  .object({
    database: z.string().min(1).default('data/steward.db'),
    log: z
      .object({
        /** Unset: info for `start`, warn for the interactive shell. */
        level: logLevel.optional(),
        /** Message text appears in logs only at debug level unless the owner turns this on. */
        messageText: z.boolean().default(false),
      })
      .strict()
      .default({ messageText: false }),
    /** Superusers per platform: treated as owner in every group and told about every problem. */
    owners: z.record(z.string(), z.array(z.string().min(1))).default({}),
    /** Defaults for per-group settings, validated against the settings each feature declares. */
    defaults: z.record(z.string(), z.unknown()).default({}),
    scheduler: z
      .object({ tickSeconds: z.number().int().min(1).max(60).default(1) })
      .strict()
      .default({ tickSeconds: 1 }),
    /** The ad filter's shared text model: the shipped one unless the operator trained their own (steward train). */
    adfilter: z
      .object({ model: z.string().min(1).optional() })
      .strict()
      .default({}),
    /**
     * A language model asked for a second opinion on ads (groups choose with /adfilter second):
     * any OpenAI-compatible chat-completions endpoint. Message text leaves the machine unless it is local.
     */
    secondOpinion: z
      .object({
        url: z.url('the endpoint’s base URL, e.g. https://api.deepseek.com/v1 or http://127.0.0.1:11434/v1'),
        model: z.string().min(1, 'the model’s name at that endpoint is required'),
        apiKey: z.string().min(1).optional(),
        timeoutSeconds: z.number().min(1).max(60).default(10),
        perGroupPerHour: z.number().int().min(1).max(1000).default(30),
        dailyBudget: z.number().int().min(1).max(1_000_000).default(500),
        cacheHours: z.number().min(0).max(720).default(24),
      })
      .strict()
      .optional(),
    /** The durable outbox: replies later than this are skipped; a chat refusing messages this long is given up on. */
    outbox: z
      .object({
        replyMaxAgeMinutes: z.number().int().min(1).default(60),
        giveUpHours: z.number().min(0.1).max(168).default(6),
      })
      .strict()
      .default({ replyMaxAgeMinutes: 60, giveUpHours: 6 }),
    /**
     * What the caches in front of SQLite may hold, in megabytes (estimated), each dropping the least
     * recently used: more is faster for a bot with many active groups, less keeps memory small.
     */
    caches: z
      .object({
        membersMB: z.number().min(1).max(4096).default(4),
        groupsMB: z.number().min(1).max(4096).default(2),
        settingsMB: z.number().min(1).max(4096).default(4),
        adFilterMB: z.number().min(1).max(4096).default(8),
        topicModelsMB: z.number().min(1).max(4096).default(16),
        floodMB: z.number().min(1).max(4096).default(4),
      })
      .strict()
      .default({ membersMB: 4, groupsMB: 2, settingsMB: 4, adFilterMB: 8, topicModelsMB: 16, floodMB: 4 }),
    /** The read-only web dashboard; served by `steward dashboard`, and by `steward start` when set. */
    dashboard: z
      .object({
        host: z.string().default('127.0.0.1'),
        port: z.number().int().min(0).max(65535).default(8080),
        token: z.string().min(16, 'use at least 16 characters (or set STEWARD_DASHBOARD_TOKEN)'),
      })
      .strict()
      .optional(),
    telegram: telegram.optional(),
    wechat: wechat.optional(),
  })
  .strict();

export type Config = z.infer<typeof configSchema>;
export type TelegramConfig = NonNullable<Config['telegram']>;
export type WechatConfig = NonNullable<Config['wechat']>;
