//! The words generated workspaces are made of.

pub(super) const FIRST_NAMES: &[&str] = &[
    "Anna", "Ben", "Chloé", "David", "Elif", "Femi", "Greta", "Hiro", "Ines", "Jonas", "Kemal",
    "Lena", "Marta", "Noor", "Oskar", "Priya", "Quentin", "Rosa", "Søren", "Tomás", "Uma",
    "Viktor", "Wei", "Xenia", "Yusuf", "Zoë", "José", "Renée", "Łukasz", "Ana", "田中", "Minh",
];

pub(super) const USER_ROLES: &[&str] = &[
    "Account executive",
    "Inside sales rep",
    "Customer success manager",
    "Support agent",
    "Field service technician",
    "Marketing coordinator",
    "Financial analyst",
    "Warehouse supervisor",
    "CRM administrator",
    "Sales team lead",
    "Recruiter",
    "Project manager",
    "Data analyst",
    "Claims handler",
    "Nurse scheduler",
];

pub(super) const DEPARTMENTS: &[&str] = &[
    "Sales",
    "Marketing",
    "Customer Success",
    "Support",
    "Finance",
    "Operations",
    "IT",
    "Human Resources",
    "Procurement",
    "Legal",
    "Logistics",
    "Product",
];

pub(super) const DEPARTMENT_ROLES: &[&str] = &[
    "VP of",
    "Director of",
    "Head of",
    "Senior manager,",
    "Chief of staff,",
];

pub(super) const BUYER_ROLES: &[&str] = &[
    "Chief executive officer",
    "Chief financial officer",
    "Chief technology officer",
    "IT director",
    "Procurement specialist",
    "Chief revenue officer",
    "Chief operating officer",
    "Head of security",
    "General counsel",
    "Board member",
];

pub(super) const REGIONS: &[&str] = &[
    "Nordics",
    "DACH",
    "Benelux",
    "Iberia",
    "UK & Ireland",
    "North America",
    "LATAM",
    "APAC",
    "Japan",
    "Île-de-France",
    "Middle East",
    "Central Europe",
];

pub(super) const VERBS: &[&str] = &[
    "Cut", "Halve", "Raise", "Double", "Keep", "Reach", "Grow", "Lower", "Shorten", "Spot",
    "Close", "Answer", "Ship", "Forecast", "Win", "Track",
];

pub(super) const OBJECTS: &[&str] = &[
    "the time spent on weekly reporting",
    "manual data entry after customer visits",
    "the cost of onboarding a new customer",
    "first-call resolution of support tickets",
    "renewals at risk in my accounts",
    "quarterly revenue from existing customers",
    "the backlog of open purchase orders",
    "security reviews passed on the first try",
    "lead response time for inbound requests",
    "churn among small business accounts",
    "the share of deals won against rivals",
    "unplanned downtime of the order system",
    "invoice disputes with key accounts",
    "hand-offs between sales and delivery",
    "the accuracy of the pipeline forecast",
    "time to hire for open engineering roles",
    "見積もりの作成時間",
    "licence spend on unused seats",
];

pub(super) const QUALIFIERS: &[&str] = &[
    "by 20%",
    "within a quarter",
    "this year",
    "in every region",
    "by half",
    "before the audit",
    "without extra staff",
    "across all teams",
    "by Q3",
    "for the top 50 accounts",
    "each week",
    "à la carte",
];

pub(super) const WHYS: &[&str] = &[
    "Complete records feed the forecast that leadership plans on",
    "Every hour saved goes back to customers instead of admin",
    "Slow answers send buyers to the competition",
    "Finance closes the books late when data arrives late",
    "The board tracks this figure every quarter",
    "Customers renew when they see value in the first 90 days",
    "Auditors flag gaps that cost weeks to explain",
    "Teams burn out when the same work is done twice",
    "Price pressure grows when we cannot show the return",
    "A shared view ends the arguments about whose number is right",
];

pub(super) const METRICS: &[&str] = &[
    "Median minutes per task",
    "Share of tickets solved on first contact, %",
    "Net revenue retention, % per quarter",
    "Forecast vs actual bookings, % error",
    "Days from request to signed order",
    "Cost per onboarded customer, €",
    "Hours of unplanned downtime per month",
    "Win rate against the top three rivals",
    "Open disputes older than 30 days",
    "Seats used ÷ seats paid for",
];

pub(super) const PAINS: &[&str] = &[
    "Double entry between email and the CRM",
    "Reports are out of date by the time they are read",
    "Nobody owns the data quality",
    "Too many tools that do not talk to each other",
    "Approvals wait in someone's inbox for days",
    "The numbers differ between finance and sales",
    "Training new staff takes months",
    "Customers ask the same question three times",
];

pub(super) const OBJECTIONS: &[&str] = &[
    "Another tool the teams will not use",
    "The migration will stall our quarter",
    "Security has not reviewed the vendor yet",
    "The price is above this year's budget",
    "We tried something like this in 2019",
];

pub(super) const CRITERIA: &[&str] = &[
    "Total cost of ownership over three years",
    "Passes our security questionnaire",
    "References from two customers our size",
    "Works with the systems we already have",
    "Time to first value under 90 days",
];

pub(super) const QUOTES: &[&str] = &[
    "Just let me get back to my customers.",
    "Show me the number, not the slide.",
    "If it takes a training course, nobody will use it.",
    "I need to trust the forecast before I sign anything.",
    "We buy outcomes, not features.",
    "Ça marche, mais pas à cette échelle.",
    "Make the easy thing the right thing. 🚀",
];
