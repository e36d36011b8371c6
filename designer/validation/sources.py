"""The published sources the rules cite, so every rule page names them the same way."""

ML_TEST_SCORE = (
    "Breck et al., The ML Test Score: A Rubric for ML Production Readiness and Technical Debt Reduction (IEEE BigData 2017)",
    "https://research.google/pubs/the-ml-test-score-a-rubric-for-ml-production-readiness-and-technical-debt-reduction/",
)
HIDDEN_DEBT = (
    "Sculley et al., Hidden Technical Debt in Machine Learning Systems (NeurIPS 2015)",
    "https://papers.nips.cc/paper/5656-hidden-technical-debt-in-machine-learning-systems",
)
RULES_OF_ML = (
    "Zinkevich, Rules of Machine Learning: Best Practices for ML Engineering (Google)",
    "https://developers.google.com/machine-learning/guides/rules-of-ml",
)
AWS_ML_LENS = (
    "AWS Well-Architected Framework, Machine Learning Lens",
    "https://docs.aws.amazon.com/wellarchitected/latest/machine-learning-lens/",
)
AWS_MULTI_LOCATION = (
    "AWS Well-Architected Reliability Pillar, REL10-BP01 Deploy the workload to multiple locations",
    "https://docs.aws.amazon.com/wellarchitected/latest/framework/rel_fault_isolation_multiaz_region_system.html",
)
AWS_GRACEFUL_DEGRADATION = (
    "AWS Well-Architected Reliability Pillar, REL05-BP01 Implement graceful degradation",
    "https://docs.aws.amazon.com/wellarchitected/latest/framework/rel_mitigate_interaction_failure_graceful_degradation.html",
)
GOOGLE_MLOPS = (
    "Google Cloud Architecture Center, MLOps: Continuous delivery and automation pipelines in machine learning",
    "https://cloud.google.com/architecture/mlops-continuous-delivery-and-automation-pipelines-in-machine-learning",
)
DMLS = (
    "Huyen, Designing Machine Learning Systems (O'Reilly 2022), chapter summaries",
    "https://github.com/chiphuyen/dmls-book/blob/main/summary.md",
)
MLSD_INTERVIEW = (
    "Aminian & Xu, Machine Learning System Design Interview (ByteByteGo 2023)",
    "https://bytebytego.com/courses/machine-learning-system-design-interview",
)
FEAST_ONLINE = (
    "Feast documentation: Feature serving and model inference",
    "https://docs.feast.dev/getting-started/architecture/model-inference",
)
FEAST_WRITES = (
    "Feast documentation: Writing data to Feast",
    "https://docs.feast.dev/getting-started/architecture/write-patterns",
)
YOUTUBE_DNN = (
    "Covington, Adams, Sargin, Deep Neural Networks for YouTube Recommendations (RecSys 2016)",
    "https://static.googleusercontent.com/media/research.google.com/en//pubs/archive/45530.pdf",
)
FACEBOOK_ADS = (
    "He et al., Practical Lessons from Predicting Clicks on Ads at Facebook (ADKDD 2014)",
    "http://quinonero.net/Publications/predicting-clicks-facebook.pdf",
)
TAIL_AT_SCALE = (
    "Dean & Barroso, The Tail at Scale (CACM 2013)",
    "https://cacm.acm.org/research/the-tail-at-scale/",
)
RAGAS = (
    "Es, James, Espinosa-Anke, Schockaert, RAGAS: Automated Evaluation of Retrieval Augmented Generation (2023)",
    "https://arxiv.org/abs/2309.15217",
)
OWASP_LLM = (
    "OWASP Top 10 for Large Language Model Applications (2025)",
    "https://genai.owasp.org/llm-top-10/",
)
VLLM = (
    "Kwon et al., Efficient Memory Management for Large Language Model Serving with PagedAttention (SOSP 2023)",
    "https://arxiv.org/abs/2309.06180",
)
GENAI_INTERVIEW = (
    "Aminian & Sheng, Generative AI System Design Interview (ByteByteGo 2024)",
    "https://bytebytego.com/courses/genai-system-design-interview",
)
