// dmabuf-revoke+mdev: the same design with an exporter for mdev-ram's RAM block, which
// v6.19 does not have (only vfio-pci-core implements get_dmabuf_phys, and iommufd's
// vfio_pci_dma_buf_iommufd_map() refuses any dma-buf whose ops are not vfio-pci's).
import type { Design } from '../../core/index.ts';
import { DMABUF_MDEV_OBLIGATIONS, EXPORTERS_QUESTION, dmabufPatch, dmabufRevoke } from './index.ts';

export const dmabufRevokeMdev: Design = {
  name: 'dmabuf-revoke+mdev',
  variant: {
    of: dmabufRevoke.name,
    question: EXPORTERS_QUESTION,
    reading: 'mdev-ram exports its RAM block as a dma-buf and iommufd accepts it',
    source: 'beyond the tree: no mdev driver exports a dma-buf to iommufd in v6.19 (vfio_pci_dma_buf_iommufd_map refuses non-vfio-pci dma-bufs with -EOPNOTSUPP)',
  },
  title: `${dmabufRevoke.title}; mdev-ram exports too (beyond the tree)`,
  origin: `${dmabufRevoke.origin}; mdev-ram exporter: beyond the tree`,
  summary: dmabufRevoke.summary,
  obligations: DMABUF_MDEV_OBLIGATIONS,
  install: (k) => dmabufPatch(k, true),
};
