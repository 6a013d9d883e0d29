/** One chip of a ChipGroup. `tone` fills the chosen chip in that colour (blue outline otherwise). */
export interface ChipOption<T extends string | number> {
  value: T;
  label: string;
  disabled?: boolean;
  tone?: 'success' | 'danger' | 'warning';
  testid?: string;
}
