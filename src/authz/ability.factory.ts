// The rules live in the contract, where the console reads them too (packed, from GET /api/me/abilities).
export { defineAbilityFor, type AbilityInput, type Action, type AppAbility, type Subject } from '@mina/contract/roles';
