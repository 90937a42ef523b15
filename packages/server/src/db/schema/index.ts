export * from './enums';
export * from './entities';
export * from './articles';
export * from './quotes';
export * from './deadlines';
export * from './access';
export * from './realtime';
export * from './search';
