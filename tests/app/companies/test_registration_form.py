"""Registration shows a wrong organisation number with the other field errors, in nb and da."""


def test_wrong_org_number_shows_with_the_other_field_errors(client):
    response = client.post(
        "/companies/register", data={"country": "NO", "org_number": "923609017", "name": "X AS"}
    )
    html = response.get_data(as_text=True)
    assert 'id="org_number-error"' in html and "Brønnøysund" in html
    assert 'id="email-error"' in html and 'value="923609017"' in html


def test_a_missing_field_is_named_in_danish_too(client):
    client.post("/language/da", data={"next": "/companies/register"})
    html = client.post("/companies/register", data={"country": "DK"}).get_data(as_text=True)
    assert "Udfyld dette felt." in html and "This field is required." not in html
