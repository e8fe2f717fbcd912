import { describe, expect, it } from 'vitest';
import { EBUSY, EINVAL, ENODEV } from '../kernel/errno.ts';
import { pci_resource_start } from './pci_resource.ts';
import { device_release_driver, pci_bind, pci_remove_complete, pci_stop_and_remove_bus_device } from './remove.ts';
import { testDriver, testMachine } from './testing.ts';
import { type BarSpec } from './types.ts';

const bar: BarSpec = { size: 0x100000, kind: 'mem64' };

describe('hot unplug', () => {
  it('releases the BARs, and the next device of that size gets the old range', () => {
    const { bus, k, resources } = testMachine();
    const x = bus.hotplug({ bars: [bar] });
    const other = bus.hotplug({ bars: [bar] });
    const old = pci_resource_start(x, 0);
    expect(pci_stop_and_remove_bus_device(x)).toBe('removed');
    expect(x.state).toBe('removed');
    expect(k.dmesg.format()).toContain('pci 0000:01:00.0: removing');
    const y = bus.hotplug({ bars: [bar] });
    expect(pci_resource_start(y, 0)).toBe(old);
    expect(pci_resource_start(other, 0)).not.toBe(old);
    // The removed device still reports its old start, as a stale pci_dev would.
    expect(pci_resource_start(x, 0)).toBe(old);
    expect(resources.validate()).toEqual([]);
  });

  it('a replug into the same slot reuses the BDF but not the instance', () => {
    const { bus } = testMachine();
    const x = bus.hotplug({ name: '0000:03:00.0', bars: [bar] });
    pci_stop_and_remove_bus_device(x);
    const y = bus.hotplug({ name: '0000:03:00.0', bars: [bar] });
    expect(y.name).toBe(x.name);
    expect(y.instance).not.toBe(x.instance);
    expect(bus.bus_find_device_by_name('0000:03:00.0')).toBe(y);
  });

  it('a deferred remove holds the range until pci_remove_complete', () => {
    const { bus } = testMachine();
    const drv = testDriver('deferred');
    const x = bus.hotplug({ bars: [bar] });
    expect(pci_bind(x, drv)).toBe(0);
    const old = pci_resource_start(x, 0);
    expect(pci_stop_and_remove_bus_device(x)).toBe('removing');
    expect(x.state).toBe('removing');
    expect(x.driver).toBe(drv);
    const y = bus.hotplug({ bars: [bar] });
    expect(pci_resource_start(y, 0)).not.toBe(old);
    expect(pci_remove_complete(x)).toBe(0);
    expect(x.state).toBe('removed');
    expect(x.driver).toBeNull();
    const z = bus.hotplug({ bars: [bar] });
    expect(pci_resource_start(z, 0)).toBe(old);
    expect(pci_remove_complete(x)).toBe(-EINVAL);
    expect(drv.calls).toEqual(['probe 0000:01:00.0', 'remove 0000:01:00.0']);
  });

  it('an unplug during a deferred unbind becomes a removal when remove() returns', () => {
    const { bus } = testMachine();
    const x = bus.hotplug({ bars: [bar] });
    pci_bind(x, testDriver('deferred'));
    expect(device_release_driver(x)).toBe('deferred');
    expect(x.state).toBe('present');
    expect(pci_stop_and_remove_bus_device(x)).toBe('removing');
    expect(pci_remove_complete(x)).toBe(0);
    expect(x.state).toBe('removed');
  });

  it('notifies the bus of add, bind, unbind and delete in order', () => {
    const { bus } = testMachine();
    const seen: string[] = [];
    bus.bus_register_notifier((action, dev) => seen.push(`${action} ${dev.name}`));
    const x = bus.hotplug({ bars: [bar] });
    pci_bind(x, testDriver());
    pci_stop_and_remove_bus_device(x);
    expect(seen).toEqual([
      'BUS_NOTIFY_ADD_DEVICE 0000:01:00.0', 'BUS_NOTIFY_BOUND_DRIVER 0000:01:00.0',
      'BUS_NOTIFY_UNBOUND_DRIVER 0000:01:00.0', 'BUS_NOTIFY_DEL_DEVICE 0000:01:00.0',
    ]);
  });
});

describe('pci_bind', () => {
  it('returns probe errors, -EBUSY when bound, -ENODEV when gone', () => {
    const { bus, k } = testMachine();
    const x = bus.hotplug({ bars: [bar] });
    expect(pci_bind(x, testDriver('done', -ENODEV))).toBe(-ENODEV);
    expect(x.driver).toBeNull();
    expect(k.dmesg.format()).toContain('testdrv: probe of 0000:01:00.0 failed with error -19');
    expect(pci_bind(x, testDriver())).toBe(0);
    expect(pci_bind(x, testDriver())).toBe(-EBUSY);
    expect(device_release_driver(x)).toBe('done');
    expect(x.driver).toBeNull();
    pci_stop_and_remove_bus_device(x);
    expect(pci_bind(x, testDriver())).toBe(-ENODEV);
  });
});

describe('PciBus.validate', () => {
  it('holds through plug, deferred removal and completion', () => {
    const { bus, resources } = testMachine();
    const x = bus.hotplug({ bars: [bar, null, { size: 32, kind: 'io' }] });
    pci_bind(x, testDriver('deferred'));
    expect(bus.validate()).toEqual([]);
    pci_stop_and_remove_bus_device(x);
    expect(bus.validate()).toEqual([]);
    pci_remove_complete(x);
    expect(bus.validate()).toEqual([]);
    expect(resources.validate()).toEqual([]);
    expect(bus.io_window.children).toEqual([]);
  });
});
