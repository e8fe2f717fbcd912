// The design registry: name -> Design. The runner, reports and gate see designs only
// through this map and the Design interface. The designs as posted come first (the seed's
// four, then the v1 series that followed), then
// their variants (designs/variants.ts): each a design like any other, which the report
// only groups by its `variant` data.
import type { Design } from '../core/index.ts';
import {
  dmabufRevoke, dmabufRevokeD0, dmabufRevokeMdev, driverOp, driverOpD0, driverOpFollowPfn, privateData, privateDataD0, privateDataMagic,
  privateDataVfioOnly, statusQuo, statusQuoD0,
} from './variants.ts';
import { driverOpV1Notifier } from './driver-op-v1-notifier/index.ts';
import { READINGS } from './questions.ts';
import { defineVariant, withReading } from './variant.ts';

const v1 = withReading(driverOpV1Notifier, 'idleD3', READINGS.idleD3.d3hot);

export const DESIGNS = {
  'status-quo': statusQuo,
  'driver-op': driverOp,
  'private-data': privateData,
  'dmabuf-revoke': dmabufRevoke,
  // The v1 series that followed the seed thread (never merged): a design of its own, not a variant.
  'driver-op-v1-notifier': v1,
  'private-data+magic': privateDataMagic,
  'private-data+vfio-only': privateDataVfioOnly,
  'driver-op+follow-pfn': driverOpFollowPfn,
  'status-quo+d0': statusQuoD0,
  'driver-op+d0': driverOpD0,
  'private-data+d0': privateDataD0,
  'dmabuf-revoke+d0': dmabufRevokeD0,
  'dmabuf-revoke+mdev': dmabufRevokeMdev,
  'driver-op-v1-notifier+d0': defineVariant(v1, {
    suffix: 'd0', question: 'idleD3', reading: READINGS.idleD3.d0, params: { 'vfio_pci.disable_idle_d3': true },
  }),
} as const satisfies Readonly<Record<string, Design>>;

export type DesignName = keyof typeof DESIGNS;

/** Every design and variant: the default set of rows of `arena run` and the report's runs. */
export const DESIGN_NAMES = Object.keys(DESIGNS) as DesignName[];

/** The designs as posted (no `variant`): the rows of the report's summary and matrix. */
export const AS_POSTED_NAMES: readonly DesignName[] = DESIGN_NAMES.filter((n) => DESIGNS[n].variant === undefined);

/** The variants, in registry order. */
export const VARIANT_NAMES: readonly DesignName[] = DESIGN_NAMES.filter((n) => DESIGNS[n].variant !== undefined);

export function isDesignName(s: string): s is DesignName {
  return Object.hasOwn(DESIGNS, s);
}

export function getDesign(name: DesignName): Design {
  return DESIGNS[name];
}
