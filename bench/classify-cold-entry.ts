/** What classify-article does at cold start: validate the bundled config and compile the matchers. */
import { bundledConfig } from '../shared/config/bundled.ts';
import { compileClassifier } from '../shared/domain/classify/classifier.ts';

export const classifier = compileClassifier(bundledConfig());
