/**
 * Which rooms the config tells Steward to manage: by id, or by topic (what people see). A room
 * matched once stays matched by id, so renaming it does not drop it mid-session.
 */
export class ConfiguredRooms {
  private readonly ids = new Set<string>();
  constructor(private readonly wanted: readonly string[]) {}

  includes(roomId: string, topic: string | undefined): boolean {
    if (this.ids.has(roomId)) return true;
    if (this.wanted.includes(roomId) || (topic !== undefined && this.wanted.includes(topic))) {
      this.ids.add(roomId);
      return true;
    }
    return false;
  }
}
