/** The diagnostics domain's components: what other domains may render. */
export { DescribeProblem, type OfferedRepair } from './describe-problem';
