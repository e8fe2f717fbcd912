// vfio core's vfio_vm_ops for the private-data design: installed on every vfio vma,
// wrapping the bus driver's callbacks and refcounting the shared
// vfio_vma_private_data on open/close (split and fork make more vmas sharing it).
// The wrapped ops pointer lives in the private data, as it would in C, so a vma whose
// vm_private_data was replaced sends these callbacks through garbage.
import {
  type Kernel, type Kptr, type vm_area_struct, type vm_fault, type vm_operations_struct, VM_FAULT_SIGBUS,
} from '../api.ts';
import { VFIO_VMA_PRIVATE_T, type vfio_vma_private_data } from './format.ts';

/** Function-pointer table: fake kernel addresses of the wrapped vm_operations_structs. */
export class OpsTable {
  private readonly byAddr = new Map<number, vm_operations_struct>();
  private next = 0xc0de0000;

  register(ops: vm_operations_struct): number {
    for (const [a, o] of this.byAddr) if (o === ops) return a;
    const a = (this.next += 0x40);
    this.byAddr.set(a, ops);
    return a;
  }

  /** Calling through a pointer that is not a vm_operations_struct is an Oops. */
  get(k: Kernel, addr: number, fn: string): vm_operations_struct {
    const ops = this.byAddr.get(addr);
    if (!ops) return k.oopsAt(fn, addr);
    return ops;
  }
}

// priv() is a module-level function, not a closure per install: under tsx (esbuild
// keepNames) a named closure costs an Object.defineProperty each time it is made.
// Nothing here checks the magic: the proposal (seed, Alex Williamson) identifies vfio
// vmas by vm_ops and never says who reads the magic. Whether type1 checks it before the
// cast is the open question the private-data+magic variant answers (designs/variants.ts).

/** vm_private_data cast to vfio_vma_private_data. */
function priv(k: Kernel, vma: vm_area_struct, fn: string): vfio_vma_private_data {
  return k.slab.deref(vma.vm_private_data as Kptr, VFIO_VMA_PRIVATE_T, fn);
}

export function make_vfio_vm_ops(k: Kernel, table: OpsTable): vm_operations_struct {
  return {
    name: 'vfio_vm_ops',
    open(vma) {
      const p = priv(k, vma, 'vfio_vma_open');
      p.refcount += 1;
      k.cost.refcountOps += 1;
      k.cost.indirectCalls += 1;
      table.get(k, p.driver_ops, 'vfio_vma_open').open?.(vma);
    },
    close(vma) {
      const p = priv(k, vma, 'vfio_vma_close');
      k.cost.indirectCalls += 1;
      table.get(k, p.driver_ops, 'vfio_vma_close').close?.(vma);
      k.cost.refcountOps += 1;
      p.refcount -= 1;
      if (p.refcount === 0) k.slab.kfree(vma.vm_private_data, 'vfio_vma_close');
    },
    fault(vmf: vm_fault) {
      const p = priv(k, vmf.vma, 'vfio_vma_fault');
      k.cost.indirectCalls += 1;
      return table.get(k, p.driver_ops, 'vfio_vma_fault').fault?.(vmf) ?? VM_FAULT_SIGBUS;
    },
  };
}
