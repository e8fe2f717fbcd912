// The named variants: every choice a proposal (or the kernel's configuration) leaves open,
// answered the other way than the as-posted row. Each one cites its source
// (designs/questions.ts). The registry lists them next to the four designs.
import { DMABUF_MDEV_OBLIGATIONS, dmabufPatch, dmabufRevoke as dmabufRevokePosted } from './dmabuf-revoke/index.ts';
import { DRIVER_OP_AS_POSTED, driverOp as driverOpPosted, driverOpPatch } from './driver-op/index.ts';
import { PRIVATE_DATA_AS_POSTED, privateData as privateDataPosted, privateDataPatch } from './private-data/index.ts';
import { READINGS } from './questions.ts';
import { statusQuo as statusQuoPosted } from './status-quo/index.ts';
import { defineVariant, withReading } from './variant.ts';

// Every as-posted design runs under the module default for the after-close power state.
export const statusQuo = withReading(statusQuoPosted, 'idleD3', READINGS.idleD3.d3hot);
export const driverOp = withReading(driverOpPosted, 'idleD3', READINGS.idleD3.d3hot);
export const privateData = withReading(privateDataPosted, 'idleD3', READINGS.idleD3.d3hot);
export const dmabufRevoke = withReading(
  withReading(dmabufRevokePosted, 'idleD3', READINGS.idleD3.d3hot), 'exporters', READINGS.exporters.vfioPciOnly,
);

export const privateDataMagic = defineVariant(privateData, {
  suffix: 'magic', question: 'magic', reading: READINGS.magic.checked,
  install: (k) => privateDataPatch(k, { ...PRIVATE_DATA_AS_POSTED, magicCheck: true }),
});

export const privateDataVfioOnly = defineVariant(privateData, {
  suffix: 'vfio-only', question: 'followPfn', reading: READINGS.followPfn.vfioOnly,
  install: (k) => privateDataPatch(k, { ...PRIVATE_DATA_AS_POSTED, followPfn: false }),
});

export const driverOpFollowPfn = defineVariant(driverOp, {
  suffix: 'follow-pfn', question: 'followPfn', reading: READINGS.followPfn.fastPath,
  install: (k) => driverOpPatch(k, { ...DRIVER_OP_AS_POSTED, followPfn: true }),
});

function d0(base: typeof statusQuo) {
  return defineVariant(base, {
    suffix: 'd0', question: 'idleD3', reading: READINGS.idleD3.d0, params: { 'vfio_pci.disable_idle_d3': true },
  });
}

export const statusQuoD0 = d0(statusQuo);
export const driverOpD0 = d0(driverOp);
export const privateDataD0 = d0(privateData);
export const dmabufRevokeD0 = d0(dmabufRevoke);

// Beyond the tree: mdev-ram gets an exporter (and its obligations) that v6.19 does not have.
export const dmabufRevokeMdev = {
  ...defineVariant(dmabufRevoke, {
    suffix: 'mdev', question: 'exporters', reading: READINGS.exporters.mdevToo, install: (k) => dmabufPatch(k, true),
  }),
  obligations: DMABUF_MDEV_OBLIGATIONS,
};
