import type { SelectHTMLAttributes } from "react";
import { FIELD_CLASSES } from "./input";

/** The native select, styled: it keeps the platform's keyboard and screen-reader behaviour. */
export function Select({ className = "", ...props }: SelectHTMLAttributes<HTMLSelectElement>) {
  return <select {...props} className={`${FIELD_CLASSES} ${className}`} />;
}
