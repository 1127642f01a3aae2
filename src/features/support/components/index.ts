/** The support domain's components: the customer's chat widget and the console's inbox. */
export { SupportWidget } from './support-widget';
