/** What every field component of a cell takes (NumberField, CheckboxField, RadioField, VectorField, MatrixField). */
export interface FieldProps {
  /** The input's id: its label's `for`, and `<prefix>-<param>` in a declared cell. */
  id: string;
  /** The state's parameter (`data-param`): its name in the URL. */
  param: string;
  label: string;
  /** The accepted range and what the parameter does, under the input (its accessible description). */
  hint?: string;
  /** Does nothing in the current state (the hint says when it applies); the runtime enables it when it would. */
  disabled?: boolean;
}
