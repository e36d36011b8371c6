"""The graph validator: rules that review a design the way a senior interviewer would."""
