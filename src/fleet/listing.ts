import type { ErrorEnvelope } from '../errors/error-message';

/** A collection member as an appliance sent it. */
export type Member = Record<string, unknown>;

/** What one appliance contributed to a fleet listing. */
export type ApplianceListing =
  | {
      id: string;
      status: 'ok';
      members: Member[];
      /** Matches on the appliance; above `members.length` when the listing was cut short. */
      total: number;
      /** True when members are missing: a page cap, a paging loop, or an early stop. */
      truncated: boolean;
      /** The collection's `type` and `category` as this appliance names them. */
      type: string | null;
      category: string | null;
    }
  | { id: string; status: 'error'; error: ErrorEnvelope };

/** One entry of the `appliances` block of a fleet answer (SPEC 3.3). */
export interface ApplianceStatus {
  id: string;
  status: 'ok' | 'error';
  total: number;
  truncated: boolean;
  error?: ErrorEnvelope;
}

/**
 * Adds `applianceId` and `applianceUri` to members as they arrive from their appliance.
 * The members are the fan-out's own freshly parsed objects, so they are changed in place:
 * copying 40 000 members at merge time would cost more than the merge itself.
 */
export function annotateMembers(members: Member[], applianceId: string): void {
  const applianceUri = `/appliances/${applianceId}`;
  for (const member of members) {
    member.applianceId = applianceId;
    member.applianceUri = applianceUri;
  }
}
