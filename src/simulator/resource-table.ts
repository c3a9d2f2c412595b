import type { JsonObject } from './json';
import { selectTypeName, type TypeTable } from './versions';

/** One stored resource and its JSON, rendered once per `type` name and reused. */
export interface StoredResource {
  id: string;
  body: JsonObject;
  rendered: Map<string, string>;
}

/**
 * The resources of one category, in creation order. Bodies are stored without a final
 * `type`; each answer carries the `type` of the requested X-API-Version.
 */
export class ResourceTable {
  private readonly items = new Map<string, StoredResource>();

  constructor(
    readonly category: string,
    readonly path: string,
    private readonly types: TypeTable,
    private readonly collectionTypes: TypeTable,
  ) {}

  /** The resource with this id, if any. */
  get(id: string): StoredResource | undefined {
    return this.items.get(id);
  }

  /** Stores (or replaces) a body; a replaced body keeps its place in the creation order. */
  set(id: string, body: JsonObject): StoredResource {
    // The `type` depends on the request's version, so the stored body holds none.
    const rest = { ...body };
    delete rest['type'];
    const stored = { id, body: rest, rendered: new Map<string, string>() };
    this.items.set(id, stored);
    return stored;
  }

  /** Removes a resource; false when it did not exist. */
  delete(id: string): boolean {
    return this.items.delete(id);
  }

  /** Every resource in creation order. */
  list(): StoredResource[] {
    return [...this.items.values()];
  }

  /** The resource `type` at a version. */
  typeAt(version: number): string {
    return selectTypeName(this.types, version);
  }

  /** The collection `type` at a version. */
  collectionTypeAt(version: number): string {
    return selectTypeName(this.collectionTypes, version);
  }

  /** The resource's JSON at a version, with its `type` in first place. */
  render(stored: StoredResource, version: number): string {
    const type = this.typeAt(version);
    let json = stored.rendered.get(type);
    if (json === undefined) {
      json = JSON.stringify({ type, ...stored.body });
      stored.rendered.set(type, json);
    }
    return json;
  }
}
