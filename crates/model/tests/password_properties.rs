//! Properties of the password rules that hold for any input, beyond the
//! sampled Django corpus (`password_corpus.rs`).

use profile_model::password::{
    password_errors, too_similar_to, PasswordError, UserAttribute, UserAttributes, MIN_LENGTH,
};
use profile_model::shipped;
use proptest::prelude::*;

fn rank(e: &PasswordError) -> usize {
    match e {
        PasswordError::TooSimilar(_) => 0,
        PasswordError::TooShort { .. } => 1,
        PasswordError::TooCommon => 2,
        PasswordError::EntirelyNumeric => 3,
    }
}

fn value() -> impl Strategy<Value = String> {
    prop_oneof!["\\PC{1,16}", "[a-zA-Z0-9._@+-]{1,24}", "[a-z]{1,6}[.@-][a-z]{1,6}"]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    /// The whole value is always compared, so a password equal to an
    /// attribute is refused, naming that attribute or an earlier one.
    #[test]
    fn a_password_equal_to_an_attribute_is_too_similar(v in value(), which in 0..4usize) {
        let attribute = UserAttribute::ALL[which];
        let mut user = UserAttributes::default();
        match attribute {
            UserAttribute::Username => user.username = &v,
            UserAttribute::FirstName => user.first_name = &v,
            UserAttribute::LastName => user.last_name = &v,
            UserAttribute::Email => user.email = &v,
        }
        prop_assert_eq!(too_similar_to(&v, &user), Some(attribute));
    }

    /// Case does not matter for ASCII: both sides are lowercased.
    #[test]
    fn ascii_case_does_not_change_the_similarity_verdict(
        password in "[a-zA-Z0-9 ._-]{0,20}",
        username in "[a-zA-Z0-9._]{0,12}",
        email in "[a-zA-Z]{1,8}@[a-zA-Z]{1,8}\\.[a-z]{2,3}",
    ) {
        let user = UserAttributes { username: &username, email: &email, ..Default::default() };
        let upper = password.to_ascii_uppercase();
        let (username_up, email_up) = (username.to_ascii_uppercase(), email.to_ascii_uppercase());
        let shouting = UserAttributes { username: &username_up, email: &email_up, ..Default::default() };
        prop_assert_eq!(too_similar_to(&password, &user), too_similar_to(&upper, &shouting));
    }

    /// Every error at most once, in Django's order (similarity, length,
    /// common, numeric), and the length rule exactly below 8 code points.
    #[test]
    fn errors_come_once_in_django_order(password in "\\PC{0,12}|[0-9]{0,12}", username in "\\PC{0,8}") {
        let user = UserAttributes { username: &username, ..Default::default() };
        let errors = password_errors(&password, &user, Some(shipped::common_passwords()));
        let ranks: Vec<usize> = errors.iter().map(rank).collect();
        prop_assert!(ranks.windows(2).all(|w| w[0] < w[1]), "{:?}", errors);
        let short = errors.iter().any(|e| matches!(e, PasswordError::TooShort { .. }));
        prop_assert_eq!(short, password.chars().count() < MIN_LENGTH);
    }
}

/// Every one of Django's passwords is refused however it is cased or
/// padded with whitespace (Django lowercases and strips before looking).
#[test]
fn every_listed_password_is_common_in_any_case_and_padding() {
    let list = shipped::common_passwords();
    let listed = shipped::COMMON_PASSWORDS_TEXT.lines();
    let missed: Vec<&str> =
        listed.filter(|p| !list.contains(&format!("\u{3000}{} \t", p.to_uppercase()))).take(10).collect();
    assert!(missed.is_empty(), "not recognised once upper-cased and padded: {missed:?}");
}
