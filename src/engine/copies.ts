// Shared by the parts of a group that /settings export carries (GroupCopy): each exported item is
// checked against its schema, and every problem names the part, the item and the field.
import type { z } from 'zod';

export const itemProblems =
  (key: string, schema: z.ZodType) =>
  (items: unknown[]): string[] =>
    items.flatMap((item, i) => {
      const r = schema.safeParse(item);
      return r.success ? [] : [`${key}[${i}]: ${r.error.issues.map((x) => `${x.path.join('.') || 'item'} ${x.message}`).join('; ')}`];
    });
