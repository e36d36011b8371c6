"""The validator rules, one per module; designer.validation.registry discovers them."""
