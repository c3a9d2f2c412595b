"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.BACKUP_COLLECTION_TYPES = exports.BACKUP_TYPES = exports.TASK_COLLECTION_TYPES = exports.TASK_TYPES = exports.ALERT_COLLECTION_TYPES = exports.ALERT_TYPES = exports.NETWORK_COLLECTION_TYPES = exports.ETHERNET_NETWORK_TYPES = exports.ENCLOSURE_LIST_TYPES = exports.ENCLOSURE_TYPES = exports.SERVER_PROFILE_LIST_TYPES = exports.SERVER_PROFILE_TYPES = exports.SERVER_HARDWARE_LIST_TYPES = exports.SERVER_HARDWARE_TYPES = void 0;
// Resource `type` names per X-API-Version, from the SDKs' defaults (ONEVIEW.md §0). Names
// below the first documented version, and most collection names, are inferred by analogy.
/** server-hardware: `server-hardware-8` at 600, `-12` from 1800. */
exports.SERVER_HARDWARE_TYPES = [
    [1, 'server-hardware-3'],
    [200, 'server-hardware-4'],
    [300, 'server-hardware-5'],
    [500, 'server-hardware-7'],
    [600, 'server-hardware-8'],
    [1000, 'server-hardware-10'],
    [1800, 'server-hardware-12'],
];
/** server-hardware collections mirror the resource's number. */
exports.SERVER_HARDWARE_LIST_TYPES = exports.SERVER_HARDWARE_TYPES.map(([since, name]) => [since, name.replace('server-hardware-', 'server-hardware-list-')]);
/** server-profiles: `ServerProfileV5` at 200 up to `ServerProfileV12` from 1600. */
exports.SERVER_PROFILE_TYPES = [
    [1, 'ServerProfileV4'],
    [200, 'ServerProfileV5'],
    [300, 'ServerProfileV6'],
    [500, 'ServerProfileV7'],
    [600, 'ServerProfileV8'],
    [800, 'ServerProfileV9'],
    [1000, 'ServerProfileV10'],
    [1200, 'ServerProfileV11'],
    [1600, 'ServerProfileV12'],
];
/** server-profiles collections. */
exports.SERVER_PROFILE_LIST_TYPES = exports.SERVER_PROFILE_TYPES.map(([since, name]) => [since, name.replace('ServerProfileV', 'ServerProfileListV')]);
/** enclosures. */
exports.ENCLOSURE_TYPES = [
    [1, 'EnclosureV2'],
    [200, 'EnclosureV200'],
    [300, 'EnclosureV300'],
    [500, 'EnclosureV400'],
    [600, 'EnclosureV7'],
    [800, 'EnclosureV8'],
];
/** enclosures collections (`EnclosureListV7` / `V8` are documented). */
exports.ENCLOSURE_LIST_TYPES = exports.ENCLOSURE_TYPES.map(([since, name]) => [since, name.replace('EnclosureV', 'EnclosureListV')]);
/** ethernet-networks. */
exports.ETHERNET_NETWORK_TYPES = [
    [1, 'ethernet-networkV2'],
    [200, 'ethernet-networkV3'],
    [300, 'ethernet-networkV300'],
    [600, 'ethernet-networkV4'],
];
/** ethernet-networks collections (`NetworkCollectionV3` is documented). */
exports.NETWORK_COLLECTION_TYPES = [
    [1, 'NetworkCollectionV2'],
    [200, 'NetworkCollectionV3'],
    [300, 'NetworkCollectionV300'],
    [600, 'NetworkCollectionV4'],
];
/** alerts. */
exports.ALERT_TYPES = [[1, 'AlertResourceV3']];
/** alerts collections. */
exports.ALERT_COLLECTION_TYPES = [[1, 'AlertResourceCollectionV3']];
/** tasks: `TaskResourceV2`, `TaskResourceV3` from 1200 (the only two oneview-python accepts). */
exports.TASK_TYPES = [
    [1, 'TaskResourceV2'],
    [1200, 'TaskResourceV3'],
];
/** tasks collections. */
exports.TASK_COLLECTION_TYPES = [
    [1, 'TaskResourcePaginatedCollectionV2'],
    [1200, 'TaskResourcePaginatedCollectionV3'],
];
/** backups: oneview-python recognises backup objects by this `type`. */
exports.BACKUP_TYPES = [[1, 'BACKUP']];
/** backups collections. */
exports.BACKUP_COLLECTION_TYPES = [[1, 'BackupCollection']];
