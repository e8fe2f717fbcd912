export { DESIGNS, DESIGN_NAMES, getDesign, isDesignName, type DesignName } from './registry.ts';
