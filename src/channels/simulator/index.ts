export { simulatorRouters, type SimulatorDependencies } from './routes';
export { deliverSimulatorReplies, simulatorTranscript, SIMULATOR } from './deliver';
