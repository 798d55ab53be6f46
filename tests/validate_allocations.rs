//! Validating a valid update allocates nothing: a counting global allocator
//! (in its own test binary) watches `validate()` and `validate_json()`.
//! It counts only the allocations of the thread being measured, since the test
//! harness runs the other tests on other threads at the same time.

use auth0_connections::{UpdateConnectionRequestContent, Validate, ValidateJson};
use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

struct Counting;

thread_local! {
    /// This thread's allocations; a `const` initialiser, so reading it never allocates.
    static ALLOCATIONS: Cell<usize> = const { Cell::new(0) };
}

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // During thread teardown the slot may be gone; those allocations are not ours.
        let _ = ALLOCATIONS.try_with(|count| count.set(count.get() + 1));
        System.alloc(layout)
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        System.dealloc(ptr, layout)
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

fn allocations_of(f: impl FnOnce()) -> usize {
    let before = ALLOCATIONS.with(Cell::get);
    f();
    ALLOCATIONS.with(Cell::get) - before
}

fn valid_body() -> serde_json::Value {
    serde_json::json!({
        "display_name": "Corporate login",
        "metadata": {"team": "identity", "owner": null},
        "options": {
            "passwordPolicy": "good",
            "precedence": ["email", "username", "phone_number"],
            "upstream_params": {"screen_name": {"alias": "login_hint"}, "tenant": {"value": "acme"}},
            "oidc_metadata": {"issuer": "https://idp.example.com/", "end_session_endpoint": "https://idp.example.com/logout"}
        }
    })
}

#[test]
fn a_valid_update_is_validated_without_allocating() {
    let update: UpdateConnectionRequestContent =
        serde_json::from_value(valid_body()).expect("a valid update");
    // The pattern is compiled once, on first use.
    assert!(update.validate().is_ok());
    assert_eq!(allocations_of(|| assert!(update.validate().is_ok())), 0);

    // An invalid one does allocate: the counter does count.
    let invalid = UpdateConnectionRequestContent::default();
    assert!(allocations_of(|| assert!(invalid.validate().is_err())) > 0);
}

#[test]
fn a_valid_body_is_validated_as_json_without_allocating() {
    let mut body = valid_body();
    // Every JSON type, nulls where they are allowed, and an integer written as a float.
    body["enabled_clients"] = serde_json::Value::Null;
    body["show_as_button"] = serde_json::json!(true);
    body["options"]["password_history"] = serde_json::json!({"enable": true, "size": 5.0});
    body["options"]["an_option_from_the_future"] = serde_json::json!([1, {"a": null}]);
    // The pattern is compiled once, on first use.
    assert!(UpdateConnectionRequestContent::validate_json(&body).is_ok());
    assert_eq!(
        allocations_of(|| assert!(UpdateConnectionRequestContent::validate_json(&body).is_ok())),
        0
    );

    // An invalid one does allocate: the counter does count.
    let invalid = serde_json::json!({"display_name": null});
    assert!(
        allocations_of(
            || assert!(UpdateConnectionRequestContent::validate_json(&invalid).is_err())
        ) > 0
    );
}
