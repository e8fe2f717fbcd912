export { AS_POSTED_NAMES, DESIGNS, DESIGN_NAMES, VARIANT_NAMES, getDesign, isDesignName, type DesignName } from './registry.ts';
