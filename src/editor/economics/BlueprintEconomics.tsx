/**
 * The blueprint's economics and improvement options, as the blueprint properties show them
 * below the title and notes. One module, so the properties load both (with their forms and
 * style) in one piece once R is on screen.
 */
import { EconomicsSection } from './EconomicsSection';
import { OptionsSection } from './OptionsSection';

export function BlueprintEconomics() {
  return (
    <>
      <EconomicsSection />
      <OptionsSection />
    </>
  );
}
