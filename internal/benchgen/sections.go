package benchgen

// A section is one content/<Name>/ folder. Titles are made from Templates
// ("{a}" is a topic from Primary) and PairTemplates ("{a}" from Primary, "{b}"
// from Secondary), so a section of 12,500 articles still gets unique, plausible
// titles. A template starting with "{a}" capitalises the topic.
type section struct {
	Name          string
	Title         string
	Summary       string
	Primary       [][]topic
	Secondary     [][]topic
	Templates     []string
	PairTemplates []string
}

// maxSections is how many sections Options.Sections may ask for.
const maxSections = 12

func allSections() []section {
	return []section{
		{
			Name: "conditions", Title: "Conditions",
			Summary: "Plain-language guides to common and less common health conditions.",
			Primary: [][]topic{conditions}, Secondary: [][]topic{conditions},
			Templates: []string{"{a}", "Understanding {a}", "Living with {a}", "{a}: symptoms and causes",
				"{a}: diagnosis and treatment", "Complications of {a}", "Preventing {a}", "Managing {a} at home",
				"Early signs of {a}", "{a} and exercise", "{a} and diet", "{a} and work", "{a} and sleep",
				"{a} and travel", "Caring for someone with {a}", "Questions to ask about {a}", "{a} flare-ups",
				"{a} and your mental health", "Myths about {a}", "Recently diagnosed with {a}"},
			PairTemplates: []string{"{a} and {b}", "Living with {a} and {b}", "{a} after {b}", "{a} or {b}: telling them apart"},
		},
		{
			Name: "medications", Title: "Medicines",
			Summary: "How medicines work, how to take them and what side effects to look out for.",
			Primary: [][]topic{medicines}, Secondary: [][]topic{medicines, conditions},
			Templates: []string{"{a}", "Taking {a} safely", "{a} side effects", "{a} dosage", "{a} and alcohol",
				"{a} during pregnancy", "Stopping {a}", "{a} interactions", "Missed doses of {a}",
				"{a} for children", "{a} for older adults", "How {a} works", "Storing {a}", "Questions about {a}"},
			PairTemplates: []string{"{a} and {b}", "Switching from {a} to {b}", "{a} with {b}"},
		},
		{
			Name: "tests", Title: "Tests and investigations",
			Summary: "What tests and scans are for, how to prepare and what the results mean.",
			Primary: [][]topic{tests}, Secondary: [][]topic{conditions, symptoms},
			Templates: []string{"{a}", "{a}: what to expect", "Understanding your {a} results", "Preparing for {a}",
				"{a} for children", "Why you might need {a}", "{a} at home", "How often to have {a}", "After {a}"},
			PairTemplates: []string{"{a} when you have {b}", "{a} for {b}", "{a} and {b}"},
		},
		{
			Name: "living-well", Title: "Living well",
			Summary: "Everyday ways to look after your body and mind.",
			Primary: [][]topic{lifestyleTopics}, Secondary: [][]topic{conditions, mentalConditions},
			Templates: []string{"{a}", "{a} for beginners", "{a} tips", "{a} in later life", "{a} on a budget",
				"{a} for families", "Getting started with {a}", "{a} at work", "{a} myths"},
			PairTemplates: []string{"{a} with {b}", "{a} when you have {b}", "{a} after {b}"},
		},
		{
			Name: "procedures", Title: "Treatments and procedures",
			Summary: "Operations and treatments explained, from preparing to recovering.",
			Primary: [][]topic{procedures}, Secondary: [][]topic{conditions},
			Templates: []string{"{a}", "Recovering from {a}", "Preparing for {a}", "{a}: risks and benefits",
				"Going home after {a}", "{a} for children", "Alternatives to {a}", "What happens during {a}",
				"Pain relief after {a}", "Exercise after {a}"},
			PairTemplates: []string{"{a} when you have {b}", "{a} for {b}", "Recovering from {a} with {b}"},
		},
		{
			Name: "symptoms", Title: "Symptoms",
			Summary: "What common symptoms can mean and when to get help.",
			Primary: [][]topic{symptoms}, Secondary: [][]topic{symptoms, conditions},
			Templates: []string{"{a}", "{a} in children", "{a} at night", "{a} after eating", "When to worry about {a}",
				"Sudden {a}", "Long-lasting {a}", "{a} in older adults", "{a} during pregnancy", "Causes of {a}",
				"{a} after exercise"},
			PairTemplates: []string{"{a} and {b}", "{a} with {b}", "{a} in {b}"},
		},
		{
			Name: "mental-health", Title: "Mental health",
			Summary: "Support for your mental health and wellbeing.",
			Primary: [][]topic{mentalConditions}, Secondary: [][]topic{conditions, mentalConditions, lifestyleTopics},
			Templates: []string{"{a}", "Understanding {a}", "Living with {a}", "Talking therapies for {a}",
				"{a} in young people", "Helping someone with {a}", "{a} at work", "{a} and sleep",
				"Self-help for {a}", "{a}: getting support", "{a} and relationships", "{a} after having a baby"},
			PairTemplates: []string{"{a} and {b}", "Living with {a} and {b}", "{a} after {b}"},
		},
		{
			Name: "child-health", Title: "Children's health",
			Summary: "Common illnesses and milestones from babies to teenagers.",
			Primary: [][]topic{conditions, symptoms}, Secondary: [][]topic{conditions, symptoms},
			Templates: []string{"{a} in children", "{a} in babies", "{a} in teenagers", "Helping your child with {a}",
				"{a} at school", "{a} in toddlers", "When your child has {a}"},
			PairTemplates: []string{"{a} and {b} in children", "{a} with {b} in babies"},
		},
		{
			Name: "pregnancy", Title: "Pregnancy and birth",
			Summary: "Looking after yourself and your baby before, during and after pregnancy.",
			Primary: [][]topic{conditions, medicines, tests}, Secondary: [][]topic{conditions},
			Templates: []string{"{a} in pregnancy", "{a} while breastfeeding", "{a} after giving birth",
				"{a} when planning a pregnancy"},
			PairTemplates: []string{"{a} and {b} in pregnancy"},
		},
		{
			Name: "older-adults", Title: "Older adults",
			Summary: "Staying well in later life.",
			Primary: [][]topic{conditions, symptoms, procedures}, Secondary: [][]topic{conditions},
			Templates:     []string{"{a} in older adults", "{a} in later life", "{a} in care homes", "{a} after 70"},
			PairTemplates: []string{"{a} and {b} in older adults"},
		},
		{
			Name: "first-aid", Title: "First aid",
			Summary: "What to do in an emergency until help arrives.",
			Primary: [][]topic{symptoms, conditions}, Secondary: [][]topic{conditions},
			Templates:     []string{"First aid for {a}", "What to do about {a}", "{a}: when to call for help"},
			PairTemplates: []string{"First aid for {a} with {b}"},
		},
		{
			Name: "nutrition", Title: "Food and nutrition",
			Summary: "Eating well for health, at every age.",
			Primary: [][]topic{conditions, lifestyleTopics}, Secondary: [][]topic{conditions},
			Templates:     []string{"Eating well with {a}", "{a} and diet", "Foods that help with {a}"},
			PairTemplates: []string{"Eating well with {a} and {b}"},
		},
	}
}
