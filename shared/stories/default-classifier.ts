import { CLASSIFIER_VERSION, classify } from '../classify/classify';
import type { StoryClassifier } from './labels';

/** The product's classifier (shared/classify), as the pipeline uses it. */
export const defaultClassifier: StoryClassifier = { version: CLASSIFIER_VERSION, classify };
