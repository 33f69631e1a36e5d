//! Runs inside the crate generated from `fixtures/shapes.yaml` (copied there as
//! `tests/behaviour.rs` by `snapshots::fixture_output_compiles_without_warnings`): how the
//! generated unions and recursive types decode and encode.

use serde_json::json;
use shapes_client::types::{Amount, Contact, Formula, Shape, TreeNode};

fn round_trip<T: serde::Serialize>(value: &T, json: &serde_json::Value) {
    assert_eq!(&serde_json::to_value(value).unwrap(), json);
}

#[test]
fn a_discriminator_picks_the_variant() {
    let square = json!({"kind": "square", "side": 2.0});
    let shape: Shape = serde_json::from_value(square.clone()).unwrap();
    match &shape {
        Shape::Square(s) => assert_eq!(s.side, 2.0),
        other => panic!("expected a square, got {other:?}"),
    }
    round_trip(&shape, &square);

    let circle: Shape = serde_json::from_value(json!({"kind": "circle", "radius": 1.5})).unwrap();
    assert!(matches!(circle, Shape::Circle(ref c) if c.radius == 1.5));
}

#[test]
fn an_unknown_discriminator_value_is_kept_as_other() {
    let hexagon = json!({"kind": "hexagon", "sides": 6});
    let shape: Shape = serde_json::from_value(hexagon.clone()).unwrap();
    assert_eq!(shape, Shape::Other(hexagon.clone()));
    round_trip(&shape, &hexagon);
}

#[test]
fn untagged_alternatives_are_told_apart_by_type_and_fit() {
    assert_eq!(serde_json::from_value::<Amount>(json!(5)).unwrap(), Amount::Integer(5));
    assert_eq!(
        serde_json::from_value::<Amount>(json!("five")).unwrap(),
        Amount::String("five".into())
    );
    assert!(matches!(
        serde_json::from_value::<Amount>(json!([1])).unwrap(),
        Amount::Other(_)
    ));
    // Both alternatives accept any object; the one without unknown properties wins.
    let phone: Contact = serde_json::from_value(json!({"number": "+1555"})).unwrap();
    assert!(matches!(phone, Contact::Phone(ref p) if p.number.as_deref() == Some("+1555")));
    let email: Contact = serde_json::from_value(json!({"address": "a@b.test"})).unwrap();
    assert!(matches!(email, Contact::Email(_)));
}

#[test]
fn recursive_structs_and_unions_decode_and_encode() {
    let tree = json!({
        "name": "leaf",
        "parent": {"name": "root"},
        "children": [{"name": "child"}],
        "formula": {"left": {"value": 1.0}, "right": {"left": {"value": 2.0}, "right": {"value": 3.0}}}
    });
    let node: TreeNode = serde_json::from_value(tree.clone()).unwrap();
    assert_eq!(node.parent.as_ref().unwrap().name.as_deref(), Some("root"));
    assert_eq!(node.children.as_ref().unwrap()[0].name.as_deref(), Some("child"));
    let Some(Formula::Sum(sum)) = &node.formula else {
        panic!("expected a sum: {:?}", node.formula);
    };
    assert!(matches!(sum.left.as_deref(), Some(Formula::Literal(l)) if l.value == Some(1.0)));
    assert!(matches!(sum.right.as_deref(), Some(Formula::Sum(_))));
    round_trip(&node, &tree);
}
