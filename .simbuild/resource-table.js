"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.ResourceTable = void 0;
const versions_1 = require("./versions");
/**
 * The resources of one category, in creation order. Bodies are stored without a final
 * `type`; each answer carries the `type` of the requested X-API-Version.
 */
class ResourceTable {
    category;
    path;
    types;
    collectionTypes;
    items = new Map();
    constructor(category, path, types, collectionTypes) {
        this.category = category;
        this.path = path;
        this.types = types;
        this.collectionTypes = collectionTypes;
    }
    /** The resource with this id, if any. */
    get(id) {
        return this.items.get(id);
    }
    /** Stores (or replaces) a body; a replaced body keeps its place in the creation order. */
    set(id, body) {
        // The `type` depends on the request's version, so the stored body holds none.
        const rest = { ...body };
        delete rest['type'];
        const stored = { id, body: rest, rendered: new Map() };
        this.items.set(id, stored);
        return stored;
    }
    /** Removes a resource; false when it did not exist. */
    delete(id) {
        return this.items.delete(id);
    }
    /** Every resource in creation order. */
    list() {
        return [...this.items.values()];
    }
    /** The resource `type` at a version. */
    typeAt(version) {
        return (0, versions_1.selectTypeName)(this.types, version);
    }
    /** The collection `type` at a version. */
    collectionTypeAt(version) {
        return (0, versions_1.selectTypeName)(this.collectionTypes, version);
    }
    /** The resource's JSON at a version, with its `type` in first place. */
    render(stored, version) {
        const type = this.typeAt(version);
        let json = stored.rendered.get(type);
        if (json === undefined) {
            json = JSON.stringify({ type, ...stored.body });
            stored.rendered.set(type, json);
        }
        return json;
    }
}
exports.ResourceTable = ResourceTable;
