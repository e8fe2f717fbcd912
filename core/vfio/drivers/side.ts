// How a bus driver reaches its side of the installed design.
import type { Kernel } from '../../machine/kernel.ts';
import type { DriverCtx, DriverSide } from '../design.ts';
import { makeObligationRunner } from '../obligations.ts';
import type { vfio_device } from '../vfio_device.ts';

export interface SideCall {
  readonly side: DriverSide;
  readonly ctx: DriverCtx;
}

export function driverSide(k: Kernel, driver: string, vdev: vfio_device): SideCall {
  return {
    side: k.design.sides[driver] ?? {},
    ctx: { k, vdev, ob: makeObligationRunner(k, k.designDef, driver) },
  };
}
