"""policyqa library: normalize → chunk → tokenize → index → fuse → answer. No web, no env reading."""
