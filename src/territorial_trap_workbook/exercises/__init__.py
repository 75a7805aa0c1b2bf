"""Feedback checks, the exercise generator, hand-outs and the checking command."""
