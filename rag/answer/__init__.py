"""Answer: read the question (intent, vocab), retrieve, pick the sentences that state what was
asked, compose a cited answer or refuse (answerer, compose, doc_facts, align_answer, refusal,
sentences), optionally phrase it (generate)."""
