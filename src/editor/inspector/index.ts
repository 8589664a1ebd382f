/**
 * The inspector of the selection, the parameters table and the blueprint's properties.
 */
export { Inspector, useValueContext } from './Inspector';
export { ParametersTable } from './ParametersTable';
export { BlueprintProperties } from './BlueprintProperties';
export {
  evaluateValue,
  expressionProblemMessage,
  parameterValueProblem,
  parseValueText,
  validateDistribution,
  validateK,
  validateObserved,
  validateParameterName,
  validateValue,
  type ValueContext,
  type ValueRange,
} from './validate';
