// The design registry: name -> Design. The runner, reports and gate see designs only
// through this map and the Design interface. The four designs as posted come first, then
// their variants (designs/variants.ts): each a design like any other, which the report
// only groups by its `variant` data.
import type { Design } from '../core/index.ts';
import {
  dmabufRevoke, dmabufRevokeD0, dmabufRevokeMdev, driverOp, driverOpD0, driverOpFollowPfn, privateData, privateDataD0, privateDataMagic,
  privateDataVfioOnly, statusQuo, statusQuoD0,
} from './variants.ts';

export const DESIGNS = {
  'status-quo': statusQuo,
  'driver-op': driverOp,
  'private-data': privateData,
  'dmabuf-revoke': dmabufRevoke,
  'private-data+magic': privateDataMagic,
  'private-data+vfio-only': privateDataVfioOnly,
  'driver-op+follow-pfn': driverOpFollowPfn,
  'status-quo+d0': statusQuoD0,
  'driver-op+d0': driverOpD0,
  'private-data+d0': privateDataD0,
  'dmabuf-revoke+d0': dmabufRevokeD0,
  'dmabuf-revoke+mdev': dmabufRevokeMdev,
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
