// @option DATASET_NAME: string
// The top-level `name` of exported collections and the page's heading.
export const DATASET_NAME = "2021 Daraa offensive incidents";
