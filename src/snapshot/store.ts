/**
 * Where snapshots live. The directory store (CLI) and the artifact store (Action) implement this.
 * Stores move text only: parsing, schema, checksum and workspace binding are checked in one place
 * (src/snapshot/codec.ts), so every store refuses a bad snapshot the same way.
 */
export interface SnapshotEntry {
  /** Store-specific handle: a file path, or an artifact id. */
  ref: string
  /** Human-readable name: the file name or the artifact name. */
  name: string
  workspaceId: string
  /** ISO time the snapshot was taken (its embedded created_at where the store can read it). */
  createdAt: string
  /**
   * Whether the store holds a marker for it (or for a newer snapshot). A hint only: the engine
   * decides from markers it has checked (src/engine/open-snapshot.ts), which with a key must be
   * signed.
   */
  restored: boolean
}

/** A restored marker's text, made (and signed) by the codec; stores only keep it. */
export interface MarkerText {
  workspaceId: string
  /** The snapshot's checksum: the marker closes every copy of that snapshot. */
  checksum: string
  text: string
}

export interface SnapshotStore {
  readonly description: string
  /**
   * Persist durably, resolving only once the snapshot can be read back (the engine calls this
   * before its first change to the workspace, and changes nothing if it rejects).
   */
  save(entry: { workspaceId: string; createdAt: string; content: string }): Promise<SnapshotEntry>
  /** Snapshots of a workspace, newest first. */
  list(workspaceId: string): Promise<SnapshotEntry[]>
  /** Resolve a user-given name (path, file name, run id, artifact id) to an entry. */
  resolve(name: string): Promise<SnapshotEntry>
  read(entry: SnapshotEntry): Promise<string>
  /** Record that this snapshot has been restored, so a later stop starts afresh. */
  markRestored(entry: SnapshotEntry, marker: MarkerText): Promise<void>
  /** The texts of the restored markers of a workspace (unchecked: the engine decodes them). */
  markers(workspaceId: string): Promise<Array<{ name: string; text: string }>>
}
