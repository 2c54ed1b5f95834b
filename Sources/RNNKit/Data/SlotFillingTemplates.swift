/// The word lists and sentence templates of `SlotFillingGenerator`.
///
/// In a template, `{dest}` and `{depart}` become a city, `{when}` a time
/// phrase (`on November 2nd`, `tomorrow morning`, with `on` tagged `O`);
/// every other word is tagged `O`.
enum SlotFillingTemplates {
    /// Templates whose deciding word (`arrive`, `leave`, `to`, `from`, …)
    /// comes before each city: a left-to-right net can tag them.
    static let earlyCue = [
        "arrive {dest} {when}",
        "leave {depart} {when}",
        "I would like to arrive in {dest} {when}",
        "I want to leave {depart} {when}",
        "fly from {depart} to {dest} {when}",
        "show me flights from {depart} to {dest}",
        "book a flight to {dest} {when}",
        "flights to {dest} leaving {depart} {when}",
        "I am going to {dest} {when}",
        "departing {depart} {when} and arriving in {dest}",
        "what flights leave {depart} for {dest} {when}",
        "{when} I leave {depart}",
    ]

    /// Templates where the deciding word comes after a city (`Taipei is where
    /// I leave`, `Taipei to Tokyo`): the prefix up to the city is the same for
    /// both tags, so only a net that also reads right-to-left can tag it.
    static let lateCue = [
        "{depart} is where I leave {when}",
        "{dest} is where I arrive {when}",
        "{dest} is my destination {when}",
        "{depart} is my departure city {when}",
        "{depart} to {dest} {when}",
        "{dest} from {depart} {when}",
        "flights {depart} to {dest} {when}",
        "flights {dest} from {depart} {when}",
        "{when} {dest} is where I am going",
        "{when} {depart} is where I am leaving from",
        "I need {dest} as my destination {when}",
        "I need {depart} as my departure city {when}",
    ]

    static let cities = [
        "Taipei", "Kaohsiung", "Tokyo", "Osaka", "Seoul", "Beijing", "Shanghai", "Hong Kong",
        "Singapore", "Bangkok", "Boston", "Denver", "Seattle", "Chicago", "Dallas", "Atlanta",
        "Miami", "New York", "San Francisco", "Los Angeles", "London", "Paris",
    ]

    static let months = [
        "January", "February", "March", "April", "May", "June",
        "July", "August", "September", "October", "November", "December",
    ]

    static let weekdays = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]

    /// `1st`, `2nd`, `3rd`, `4th`, … `31st`.
    static func ordinal(_ n: Int) -> String {
        let suffix: String
        switch (n % 10, n % 100) {
        case (_, 11...13): suffix = "th"
        case (1, _): suffix = "st"
        case (2, _): suffix = "nd"
        case (3, _): suffix = "rd"
        default: suffix = "th"
        }
        return "\(n)\(suffix)"
    }
}
