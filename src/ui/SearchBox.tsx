/** A labelled search field: the label is its accessible name and its placeholder. */
export function SearchBox({ label, value, onInput }: { label: string; value: string; onInput: (value: string) => void }) {
  return (
    <input
      type="search"
      class="search"
      aria-label={label}
      placeholder={label}
      value={value}
      onInput={(e) => onInput(e.currentTarget.value)}
    />
  );
}
