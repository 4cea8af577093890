/** What classify-article does at cold start: read the config validated at build and compile the matchers. */
import { bundledConfig } from '../shared/config/bundled.ts';
import { compileClassifier } from '../shared/domain/classify/classifier.ts';

export const classifier = compileClassifier(bundledConfig());
