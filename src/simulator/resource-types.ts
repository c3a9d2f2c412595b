import type { TypeTable } from './versions';

// Resource `type` names per X-API-Version, from the SDKs' defaults (ONEVIEW.md §0). Names
// below the first documented version, and most collection names, are inferred by analogy.

/** server-hardware: `server-hardware-8` at 600, `-12` from 1800. */
export const SERVER_HARDWARE_TYPES: TypeTable = [
  [1, 'server-hardware-3'],
  [200, 'server-hardware-4'],
  [300, 'server-hardware-5'],
  [500, 'server-hardware-7'],
  [600, 'server-hardware-8'],
  [1000, 'server-hardware-10'],
  [1800, 'server-hardware-12'],
];

/** server-hardware collections mirror the resource's number. */
export const SERVER_HARDWARE_LIST_TYPES: TypeTable = SERVER_HARDWARE_TYPES.map(
  ([since, name]) => [since, name.replace('server-hardware-', 'server-hardware-list-')] as const,
);

/** server-profiles: `ServerProfileV5` at 200 up to `ServerProfileV12` from 1600. */
export const SERVER_PROFILE_TYPES: TypeTable = [
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
export const SERVER_PROFILE_LIST_TYPES: TypeTable = SERVER_PROFILE_TYPES.map(
  ([since, name]) => [since, name.replace('ServerProfileV', 'ServerProfileListV')] as const,
);

/** enclosures. */
export const ENCLOSURE_TYPES: TypeTable = [
  [1, 'EnclosureV2'],
  [200, 'EnclosureV200'],
  [300, 'EnclosureV300'],
  [500, 'EnclosureV400'],
  [600, 'EnclosureV7'],
  [800, 'EnclosureV8'],
];

/** enclosures collections (`EnclosureListV7` / `V8` are documented). */
export const ENCLOSURE_LIST_TYPES: TypeTable = ENCLOSURE_TYPES.map(
  ([since, name]) => [since, name.replace('EnclosureV', 'EnclosureListV')] as const,
);

/** ethernet-networks. */
export const ETHERNET_NETWORK_TYPES: TypeTable = [
  [1, 'ethernet-networkV2'],
  [200, 'ethernet-networkV3'],
  [300, 'ethernet-networkV300'],
  [600, 'ethernet-networkV4'],
];

/** ethernet-networks collections (`NetworkCollectionV3` is documented). */
export const NETWORK_COLLECTION_TYPES: TypeTable = [
  [1, 'NetworkCollectionV2'],
  [200, 'NetworkCollectionV3'],
  [300, 'NetworkCollectionV300'],
  [600, 'NetworkCollectionV4'],
];

/** alerts. */
export const ALERT_TYPES: TypeTable = [[1, 'AlertResourceV3']];

/** alerts collections. */
export const ALERT_COLLECTION_TYPES: TypeTable = [[1, 'AlertResourceCollectionV3']];

/** tasks: `TaskResourceV2`, `TaskResourceV3` from 1200 (the only two oneview-python accepts). */
export const TASK_TYPES: TypeTable = [
  [1, 'TaskResourceV2'],
  [1200, 'TaskResourceV3'],
];

/** tasks collections. */
export const TASK_COLLECTION_TYPES: TypeTable = [
  [1, 'TaskResourcePaginatedCollectionV2'],
  [1200, 'TaskResourcePaginatedCollectionV3'],
];

/** backups: oneview-python recognises backup objects by this `type`. */
export const BACKUP_TYPES: TypeTable = [[1, 'BACKUP']];

/** backups collections. */
export const BACKUP_COLLECTION_TYPES: TypeTable = [[1, 'BackupCollection']];
