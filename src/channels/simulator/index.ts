export { simulatorRouters, type SimulatorDependencies } from './routes';
export { deliverOwnReplies, deliverSimulatorReplies, simulatorTranscript, SIMULATOR } from './deliver';
