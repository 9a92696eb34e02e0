"""The words the synthetic demo is made of: names, job titles, companies, places,
what people said, what was learned. Kept apart from the code that assembles them.
"""

from desktop.vocabulary import Channel, HiringRole, Stage

FIRST_NAMES = (
    "Aaliyah", "Adebayo", "Agnieszka", "Ahmed", "Aiko", "Aisha", "Alejandro", "Aleksandr",
    "Amara", "Ana", "Anders", "André", "Anh", "Ananya", "Arjun", "Astrid", "Ayşe", "Beatriz",
    "Benjamin", "Björn", "Camille", "Carlos", "Chen", "Chiara", "Chloé", "Chidi", "Daniel",
    "Dmitri", "Elena", "Elif", "Emeka", "Emily", "Émilie", "Erik", "Fatima", "Fatoumata",
    "Felipe", "François", "Freya", "Gabriel", "Grace", "Hana", "Hannah", "Hiroshi", "Ibrahim",
    "Ines", "Ingrid", "Isabella", "Ivan", "Jakub", "James", "Javier", "Jia", "João", "José",
    "Julia", "Kai", "Kavya", "Kenji", "Kofi", "Lars", "Layla", "Leila", "Liam", "Lucía", "Luis",
    "Łukasz", "Maël", "Malik", "Marco", "Margarida", "María", "Mariam", "Mark", "Marta",
    "Martin", "Martina", "Mateo", "Mei", "Mia", "Mohammed", "Nadia", "Naveen", "Nguyen",
    "Nia", "Niamh", "Nikolai", "Noah", "Noémie", "Oisín", "Olga", "Oliver", "Olivia", "Omar",
    "Priya", "Rafael", "Rahul", "Ravi", "Rosa", "Ruth", "Saanvi", "Samuel", "Sara", "Seo-yeon",
    "Siobhán", "Sofía", "Søren", "Sunita", "Takumi", "Tamar", "Thabo", "Thomas", "Tomás",
    "Wei", "Wiktoria", "Yara", "Yasmin", "Yuki", "Zainab", "Zoë", "Zofia",
)

LAST_NAMES = (
    "Abdullah", "Adeyemi", "Ahmed", "Akhtar", "Álvarez", "Andersen", "Bauer", "Becker",
    "Bianchi", "Brown", "Byrne", "Castillo", "Chen", "Choi", "Costa", "Dąbrowski", "da Silva",
    "de Jong", "Dubois", "Dupont", "Eriksson", "Fernández", "Fischer", "Fitzgerald",
    "García", "Gómez", "González", "Gupta", "Haddad", "Hansen", "Hernández", "Hoffmann",
    "Horvath", "Huang", "Ivanova", "Jansen", "Jensen", "Johansson", "Johnson", "Kaczmarek",
    "Kim", "Kowalski", "Kumar", "Larsen", "Laurent", "Lee", "Lewandowski", "Li", "Lindqvist",
    "Liu", "López", "Martin", "Martínez", "Mendes", "Meyer", "Mikkelsen", "Moreau", "Müller",
    "Murphy", "Nakamura", "Nguyen", "Nielsen", "Novák", "Nowak", "Núñez", "O'Brien",
    "Okafor", "Okonkwo", "Olsen", "Osei", "Park", "Patel", "Pereira", "Petrov", "Popescu",
    "Ramírez", "Reddy", "Richter", "Rodríguez", "Romano", "Rossi", "Sánchez", "Santos",
    "Sato", "Schmidt", "Schneider", "Shah", "Sharma", "Silva", "Singh", "Smith", "Sokolov",
    "Suzuki", "Svensson", "Szabó", "Takahashi", "Tanaka", "Taylor", "Thompson", "Tran",
    "Van den Berg", "Vargas", "Wagner", "Walsh", "Wang", "Watanabe", "Weber", "Williams",
    "Wiśniewski", "Wójcik", "Wu", "Yamamoto", "Y\u0131lmaz", "Yusuf", "Zhang", "Zhou", "Żak",
)

SENIORITY = ("", "", "", "Senior ", "Senior ", "Lead ", "Principal ", "Junior ", "Staff ")
DISCIPLINES = (
    "Software Engineer", "Backend Engineer", "Frontend Engineer", "Data Engineer",
    "Data Scientist", "Product Manager", "Product Designer", "UX Researcher",
    "DevOps Engineer", "Site Reliability Engineer", "QA Engineer", "Mobile Developer",
    "Machine Learning Engineer", "Security Engineer", "Solutions Architect", "Data Analyst",
)
ROLE_TITLES = {
    HiringRole.RECRUITER: ("Technical Recruiter", "Talent Acquisition Partner", "Recruiter",
                           "Senior Recruiter", "Talent Sourcer"),
    HiringRole.HIRING_MANAGER: ("Engineering Manager", "Head of Engineering", "Director of Product",
                                "VP Engineering", "Team Lead", "CTO"),
    HiringRole.HR: ("HR Business Partner", "People Operations Manager", "HR Generalist",
                    "Head of People"),
}

#: (role, weight): the part a person usually plays in hiring.
ROLE_WEIGHTS = (
    (HiringRole.RECRUITER, 24), (HiringRole.INTERVIEWER, 26), (HiringRole.HIRING_MANAGER, 14),
    (HiringRole.HR, 7), (HiringRole.REFERRER, 7), (HiringRole.OTHER, 5), (HiringRole.NONE, 17),
)

COMPANY_PREFIXES = (
    "Blue", "Bright", "Cedar", "Clear", "Cloud", "Copper", "Crimson", "Deep", "Ever", "Fern",
    "First", "Granite", "Green", "Harbor", "High", "Iron", "Juniper", "Lake", "Light", "Lumen",
    "Maple", "Meridian", "Nimbus", "North", "Nova", "Oak", "Open", "Orbit", "Pine", "Polar",
    "Quartz", "Red", "River", "Silver", "Solar", "Stone", "Summit", "True", "Vertex", "Zephyr",
)
COMPANY_ROOTS = (
    "arc", "base", "beam", "bridge", "byte", "cast", "core", "craft", "dale", "field", "flow",
    "forge", "gate", "grid", "harbor", "hive", "leaf", "line", "logic", "loop", "mark",
    "mind", "nest", "path", "peak", "point", "port", "scale", "shift", "signal", "spark",
    "sphere", "stack", "stream", "tide", "trail", "vault", "view", "wave", "works",
)
COMPANY_SUFFIXES = (
    "", "", "", "Labs", "Systems", "Technologies", "Analytics", "Health", "Software",
    "Group", "Digital", "Robotics", "Energy", "Media", "Bank", "Logistics",
)
INDUSTRIES = (
    "Software", "Fintech", "Healthcare", "E-commerce", "Education", "Logistics", "Gaming",
    "Media", "Energy", "Consulting", "Cybersecurity", "Biotech", "Retail", "Travel",
    "Public sector", "Telecommunications", "Insurance", "Automotive",
)
LOCATIONS = (
    "London", "Berlin", "Amsterdam", "Dublin", "Paris", "Lisbon", "Madrid", "Barcelona",
    "Warsaw", "Kraków", "Stockholm", "Copenhagen", "Oslo", "Helsinki", "Zürich", "Vienna",
    "Prague", "Milan", "New York", "San Francisco", "Austin", "Seattle", "Toronto",
    "Montréal", "São Paulo", "Mexico City", "Lagos", "Nairobi", "Cape Town", "Bangalore",
    "Singapore", "Tokyo", "Seoul", "Sydney", "Remote",
)

#: (stage, weight, applied this many days ago at least, at most).
STAGES = (
    (Stage.APPLIED, 22, 0, 60),
    (Stage.SCREENING, 10, 5, 90),
    (Stage.INTERVIEWING, 11, 10, 120),
    (Stage.FINAL_ROUND, 5, 20, 150),
    (Stage.OFFER, 2, 25, 180),
    (Stage.HIRED, 1, 30, 364),
    (Stage.REJECTED, 43, 5, 364),
    (Stage.WITHDRAWN, 6, 10, 364),
)
INTERVIEWED_STAGES = {Stage.INTERVIEWING, Stage.FINAL_ROUND, Stage.OFFER, Stage.HIRED}
SOURCES = ("LinkedIn", "Referral", "Company website", "Recruiter", "Indeed", "Meetup",
            "Hacker News", "Glassdoor", "Job fair")
REJECTION_REASONS = (
    "We decided to move forward with candidates whose experience more closely matches the role.",
    "The team was looking for deeper experience with {skill}.",
    "Strong interview, but another candidate had more domain experience in {industry}.",
    "The position was filled internally.",
    "The role has been put on hold for budget reasons.",
    "Feedback: system design answers lacked depth on {skill}.",
    "They wanted someone who could start sooner.",
    "Not enough hands-on experience with {skill} at scale.",
    "Culture-add feedback was positive, but the take-home fell short on testing.",
    "",
)
SKILLS = (
    "Kubernetes", "distributed systems", "Rust", "Go", "React", "TypeScript", "PostgreSQL",
    "data modelling", "stakeholder management", "machine learning in production", "AWS",
    "Terraform", "accessibility", "A/B testing", "Kafka", "system design", "Python packaging",
    "mobile release processes", "SQL performance tuning", "people management",
)
STUMPED = (
    "How would you design a rate limiter for a public API?",
    "Tell me about a time you disagreed with your manager.",
    "Estimate how many messages per second the system would need to handle.",
    "How would you roll back a bad database migration?",
    "What would you do in your first 90 days?",
    "Walk me through debugging a memory leak in production.",
)
LESSONS = (
    "Prepare two concrete stories about leading without authority.",
    "Practise whiteboard system design out loud, with timings.",
    "Ask about the team's on-call before the final round.",
    "Quantify impact: numbers, not adjectives.",
    "Research the product properly before the first call.",
    "Follow up within 24 hours with a thank-you note.",
)
HOW_MET = (
    "Reached out on LinkedIn", "Interviewed me", "Met at a meetup", "Introduced by a friend",
    "Former colleague", "Met at a conference", "Recruiter call", "Alumni network",
    "Referred me for a role", "",
)
PERSON_NOTES = (
    "", "", "", "", "Prefers e-mail over calls.", "Open to a coffee chat every few months.",
    "Said to check back when the new team opens.", "Very helpful with interview prep.",
    "Knows the hiring manager on the platform team.", "Moving to a new company soon.",
)

#: (channel, weight)
CHANNEL_WEIGHTS = (
    (Channel.EMAIL, 45), (Channel.LINKEDIN, 18), (Channel.VIDEO, 14), (Channel.PHONE, 10),
    (Channel.MESSAGE, 6), (Channel.IN_PERSON, 5), (Channel.OTHER, 2),
)
SUMMARIES = (
    "Thank-you note after the interview", "Asked for feedback on the {position} application",
    "Intro call about the {position} role", "Followed up on next steps",
    "Sent portfolio and references", "Coffee chat about the team at {company}",
    "Congratulated {first} on the new role", "Asked whether {company} is hiring again",
    "Shared an article on {skill}", "Scheduled the technical interview",
    "Feedback call after the rejection", "Checked in after a few months",
)
BODIES = (
    "", "", "", "Thanks again for your time today. I enjoyed hearing about the team's plans.",
    "They suggested I brush up on {skill} and re-apply in six months.",
    "Promised to pass my CV on to the platform team.",
    "Good conversation; they will be in touch in two weeks.",
)
