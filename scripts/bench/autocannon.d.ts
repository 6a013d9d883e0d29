// autocannon ships no types; scripts/bench types the small part it uses.
declare module 'autocannon';
