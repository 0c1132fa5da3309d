import { SearchInput, useTranslate, type SearchInputProps } from 'react-admin';

/** SearchInput has no visible label; give it an accessible name. */
export const SearchFilter = ({
  ariaLabel = 'mina.action.search',
  ...props
}: SearchInputProps & { ariaLabel?: string }) => {
  const translate = useTranslate();
  return (
    <SearchInput
      {...props}
      placeholder={translate(ariaLabel)}
      slotProps={{ htmlInput: { 'aria-label': translate(ariaLabel) } }}
    />
  );
};
