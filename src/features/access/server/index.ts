/** Access control on the server: the route guards built on the abilities of ../ability.ts. */
export { abilityOf, authorize } from './guard';
