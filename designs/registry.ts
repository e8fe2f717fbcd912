// The design registry: name -> Design. The runner, reports and gate see designs only
// through this map and the Design interface.
import type { Design } from '../core/index.ts';
import { dmabufRevoke } from './dmabuf-revoke/index.ts';
import { dmabufRevokeMdev } from './dmabuf-revoke/variant.ts';
import { driverOp } from './driver-op/index.ts';
import { privateData } from './private-data/index.ts';
import { statusQuo } from './status-quo/index.ts';

export const DESIGNS = {
  'status-quo': statusQuo,
  'driver-op': driverOp,
  'private-data': privateData,
  'dmabuf-revoke': dmabufRevoke,
  'dmabuf-revoke+mdev': dmabufRevokeMdev,
} as const satisfies Readonly<Record<string, Design>>;

export type DesignName = keyof typeof DESIGNS;

export const DESIGN_NAMES = Object.keys(DESIGNS) as DesignName[];

export function isDesignName(s: string): s is DesignName {
  return Object.hasOwn(DESIGNS, s);
}

export function getDesign(name: DesignName): Design {
  return DESIGNS[name];
}
